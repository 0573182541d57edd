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
    /// <summary>
    /// True when <paramref name="c"/> must be written as <c>_xHHHH_</c>: PowerShell's set, plus
    /// U+FFFE and U+FFFF. Those two are not XML characters, so written raw they make a document
    /// no XML reader accepts (PowerShell's own writer throws on them instead); escaped, they
    /// decode back on every reader.
    /// </summary>
    internal static bool MustEscape(char c) =>
        c < 0x20 || (c >= 0x7F && c <= 0x9F) || char.IsSurrogate(c) || c >= '\uFFFE';

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
            if (c < 0x20 || (c >= 0x7F && (c <= 0x9F || char.IsSurrogate(c) || c >= '\uFFFE')) || IsUnderscoreBeforeX(value, i))
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

    /// <summary>
    /// Reverses <see cref="Encode"/>, with the semantics of <c>XmlConvert.DecodeName</c> (what
    /// PowerShell's deserializer calls): invalid escapes are left as text. One deliberate
    /// difference: for an 8-digit escape above U+10FFFF, .NET repeats the preceding text when a
    /// later escape follows (a bug); here the escape is simply kept as written.
    /// </summary>
    public static string Decode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.IndexOf("_x", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return value;
        }

        var chars = value.ToCharArray();
        var length = DecodeInPlace(chars);
        return length == value.Length ? value : new string(chars, 0, length);
    }

    /// <summary>
    /// Decodes the escapes in <paramref name="chars"/> in place (the decoded text is never longer)
    /// and returns its new length. The reader decodes this way straight in its scratch buffer.
    /// </summary>
    internal static int DecodeInPlace(Span<char> chars)
    {
        var read = chars.IndexOf('_');
        if (read < 0)
        {
            return chars.Length;
        }

        var write = read;
        while (read < chars.Length)
        {
            var c = chars[read];
            if (c == '_' && TryDecodeEscape(chars, read, out var consumed, out var codePoint))
            {
                if (codePoint < 0)
                {
                    chars.Slice(read, consumed).CopyTo(chars[write..]);
                    write += consumed;
                }
                else if (codePoint > 0xFFFF)
                {
                    codePoint -= 0x10000;
                    chars[write++] = (char)(0xD800 + (codePoint >> 10));
                    chars[write++] = (char)(0xDC00 + (codePoint & 0x3FF));
                }
                else
                {
                    chars[write++] = (char)codePoint;
                }

                read += consumed;
            }
            else
            {
                chars[write++] = c;
                read++;
            }
        }

        return write;
    }

    /// <summary>
    /// Matches one escape at <paramref name="start"/> the way <c>XmlConvert.DecodeName</c> does:
    /// the 4-digit form wins over the 8-digit one; an 8-digit value below U+10000 is one UTF-16
    /// unit (even a surrogate half); one above U+10FFFF is kept as literal text but still consumed,
    /// so an underscore that closes it cannot open another escape.
    /// </summary>
    private static bool TryDecodeEscape(ReadOnlySpan<char> s, int start, out int consumed, out int codePoint)
    {
        consumed = 0;
        codePoint = -1;
        if (start + 6 >= s.Length || (s[start + 1] != 'x' && s[start + 1] != 'X') ||
            !TryParseHex(s.Slice(start + 2, 4), out var high))
        {
            return false;
        }

        if (s[start + 6] == '_')
        {
            consumed = 7;
            codePoint = high;
            return true;
        }

        if (start + 10 < s.Length && s[start + 10] == '_' && TryParseHex(s.Slice(start + 6, 4), out var low))
        {
            consumed = 11;
            var value = ((long)high << 16) | (uint)low;
            codePoint = value <= 0x10FFFF ? (int)value : -1;
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
