using System.Text;

namespace Psrp.Serialization;

/// <summary>
/// PowerShell's string escaping for CLIXML text and property names: control characters
/// (U+0000–U+001F, U+007F–U+009F) and every surrogate code unit become <c>_xHHHH_</c>, and an
/// underscore that starts <c>_x</c>/<c>_X</c> becomes <c>_x005F_</c> so user data that looks like an
/// escape survives. Decoding follows <c>XmlConvert.DecodeName</c>: <c>_xHHHH_</c> and <c>_xHHHHHHHH_</c>, any hex case.
/// </summary>
public static class ClixmlText
{
    /// <summary>True when <paramref name="c"/> must be written as <c>_xHHHH_</c>.</summary>
    internal static bool MustEscape(char c) =>
        c < 0x20 || (c >= 0x7F && c <= 0x9F) || char.IsSurrogate(c);

    /// <summary>Applies PowerShell's escaping (not XML escaping) to <paramref name="value"/>.</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var first = IndexOfEscapeNeeded(value);
        if (first < 0)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 16);
        sb.Append(value, 0, first);
        for (var i = first; i < value.Length; i++)
        {
            var c = value[i];
            if (MustEscape(c) || IsUnderscoreBeforeX(value, i))
            {
                AppendEscape(sb, c);
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>The index of the first character needing escape, or -1 (the common, allocation-free case).</summary>
    internal static int IndexOfEscapeNeeded(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x20 || (c >= 0x7F && (c <= 0x9F || char.IsSurrogate(c))) || IsUnderscoreBeforeX(value, i))
            {
                return i;
            }
        }

        return -1;
    }

    internal static bool IsUnderscoreBeforeX(ReadOnlySpan<char> value, int i) =>
        value[i] == '_' && i + 1 < value.Length && (value[i + 1] == 'x' || value[i + 1] == 'X');

    private static void AppendEscape(StringBuilder sb, char c)
    {
        sb.Append("_x");
        sb.Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
        sb.Append('_');
    }

    /// <summary>Reverses <see cref="Encode"/> (and accepts any valid <c>XmlConvert.EncodeName</c> escape).</summary>
    public static string Decode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var first = value.IndexOf("_x", StringComparison.OrdinalIgnoreCase);
        if (first < 0)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        sb.Append(value, 0, first);
        var i = first;
        while (i < value.Length)
        {
            if (value[i] == '_' && TryDecodeEscape(value, i, out var consumed, out var codePoint))
            {
                if (codePoint > 0xFFFF)
                {
                    sb.Append(char.ConvertFromUtf32(codePoint));
                }
                else
                {
                    sb.Append((char)codePoint);
                }

                i += consumed;
            }
            else
            {
                sb.Append(value[i]);
                i++;
            }
        }

        return sb.ToString();
    }

    private static bool TryDecodeEscape(string s, int start, out int consumed, out int codePoint)
    {
        consumed = 0;
        codePoint = 0;
        if (start + 6 >= s.Length || (s[start + 1] != 'x' && s[start + 1] != 'X'))
        {
            return false;
        }

        if (TryParseHex(s.AsSpan(start + 2, 4), out var u16) && s[start + 6] == '_')
        {
            consumed = 7;
            codePoint = u16;
            return true;
        }

        if (start + 10 < s.Length && s[start + 10] == '_' && TryParseHex(s.AsSpan(start + 2, 8), out var u32) &&
            u32 <= 0x10FFFF && (u32 < 0xD800 || u32 > 0xDFFF))
        {
            consumed = 11;
            codePoint = u32;
            return true;
        }

        return false;
    }

    private static bool TryParseHex(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            int d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => -1,
            };
            if (d < 0)
            {
                return false;
            }

            value = (value << 4) | d;
        }

        return true;
    }
}
