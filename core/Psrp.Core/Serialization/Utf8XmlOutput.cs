using System.Buffers;
using System.Text.Unicode;

namespace Psrp.Serialization;

/// <summary>
/// Minimal UTF-8 XML text output straight into an <see cref="IBufferWriter{T}"/>: raw ASCII markup,
/// escaped text and attribute values, and <see cref="IUtf8SpanFormattable"/> numbers without
/// intermediate strings. CLIXML needs nothing more than this, and skipping <c>XmlWriter</c> keeps
/// the hot path free of per-value allocations.
/// </summary>
internal readonly struct Utf8XmlOutput
{
    private readonly IBufferWriter<byte> _out;

    public Utf8XmlOutput(IBufferWriter<byte> output) => _out = output;

    /// <summary>Writes ASCII markup that needs no escaping (element names, fixed attribute text).</summary>
    public void Raw(ReadOnlySpan<byte> ascii)
    {
        var span = _out.GetSpan(ascii.Length);
        ascii.CopyTo(span);
        _out.Advance(ascii.Length);
    }

    public void Raw(string ascii)
    {
        var span = _out.GetSpan(ascii.Length);
        for (var i = 0; i < ascii.Length; i++)
        {
            span[i] = (byte)ascii[i];
        }

        _out.Advance(ascii.Length);
    }

    public void Byte(byte b)
    {
        _out.GetSpan(1)[0] = b;
        _out.Advance(1);
    }

    public void Format<T>(T value, ReadOnlySpan<char> format = default)
        where T : IUtf8SpanFormattable
    {
        var span = _out.GetSpan(64);
        if (!value.TryFormat(span, out var written, format, System.Globalization.CultureInfo.InvariantCulture))
        {
            span = _out.GetSpan(256);
            if (!value.TryFormat(span, out written, format, System.Globalization.CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException($"Could not format a {typeof(T).Name}.");
            }
        }

        _out.Advance(written);
    }

    /// <summary>
    /// Writes <paramref name="text"/> with PowerShell's <c>_xHHHH_</c> escaping (when
    /// <paramref name="psEncode"/>) and XML escaping; <paramref name="inAttribute"/> also escapes quotes.
    /// </summary>
    public void Text(ReadOnlySpan<char> text, bool psEncode, bool inAttribute)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            ReadOnlySpan<byte> replacement;
            if (c >= 0x20 && c < 0x7F)
            {
                switch (c)
                {
                    case '<': replacement = "&lt;"u8; break;
                    case '>': replacement = "&gt;"u8; break;
                    case '&': replacement = "&amp;"u8; break;
                    case '"' when inAttribute: replacement = "&quot;"u8; break;
                    case '_' when psEncode && ClixmlText.IsUnderscoreBeforeX(text, i): replacement = "_x005F_"u8; break;
                    default: continue;
                }
            }
            else if (psEncode && ClixmlText.MustEscape(c))
            {
                Chars(text[start..i]);
                Escape(c);
                start = i + 1;
                continue;
            }
            else if (!psEncode && c < 0x20)
            {
                // Without PowerShell's escaping (raw base64/number text) control characters cannot occur;
                // if one does, a character reference keeps the XML well-formed.
                Chars(text[start..i]);
                Raw("&#x");
                Format((int)c, "X");
                Byte((byte)';');
                start = i + 1;
                continue;
            }
            else
            {
                continue;
            }

            Chars(text[start..i]);
            Raw(replacement);
            start = i + 1;
        }

        Chars(text[start..]);
    }

    private void Escape(char c)
    {
        Raw("_x"u8);
        Format((int)c, "X4");
        Byte((byte)'_');
    }

    /// <summary>Transcodes a run of characters that needs no escaping.</summary>
    private void Chars(ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty)
        {
            return;
        }

        // Large strings are written in slices so the buffer writer never has to produce one huge span.
        const int Slice = 16 * 1024;
        while (!chars.IsEmpty)
        {
            var take = Math.Min(chars.Length, Slice);
            if (take < chars.Length && char.IsHighSurrogate(chars[take - 1]))
            {
                take--;
            }

            var part = chars[..take];
            var span = _out.GetSpan(part.Length * 3);
            var status = Utf8.FromUtf16(part, span, out _, out var written, replaceInvalidSequences: true);
            if (status != OperationStatus.Done)
            {
                throw new InvalidOperationException("Could not encode text as UTF-8.");
            }

            _out.Advance(written);
            chars = chars[take..];
        }
    }

    /// <summary>Writes bytes as base64 text.</summary>
    public void Base64(ReadOnlySpan<byte> data)
    {
        const int Slice = 3 * 8192;
        while (!data.IsEmpty)
        {
            var take = Math.Min(data.Length, Slice);
            var span = _out.GetSpan(((take + 2) / 3) * 4);
            var status = System.Buffers.Text.Base64.EncodeToUtf8(data[..take], span, out _, out var written, isFinalBlock: take == data.Length);
            if (status != OperationStatus.Done)
            {
                throw new InvalidOperationException("Could not encode base64.");
            }

            _out.Advance(written);
            data = data[take..];
        }
    }
}
