using System.Globalization;
using System.Text;

namespace Psrp.Diagnostics;

/// <summary>
/// The wire trace file format (docs/tuning.md): UTF-8 text, a first line <c># psrp-trace 1</c>, then
/// one record per line, five tab-separated fields — ISO 8601 UTC time with 7 fraction digits,
/// <c>&gt;</c> (client to server) or <c>&lt;</c> (server to client), the transport name, the kind
/// (<c>oop</c>: an out-of-proc packet line; <c>wsman</c>: an HTTP request or response) and the payload.
/// Backslash, tab, CR and LF in a payload are written as <c>\\</c>, <c>\t</c>, <c>\r</c>, <c>\n</c>.
/// Lines starting with <c>#</c> are comments.
/// </summary>
public static class WireTraceFormat
{
    /// <summary>The first line of every trace file.</summary>
    public const string Header = "# psrp-trace 1";

    /// <summary>The kind of an out-of-proc packet record.</summary>
    public const string PacketKind = "oop";

    /// <summary>The kind of a WSMan HTTP request or response record.</summary>
    public const string WsmanKind = "wsman";

    /// <summary>Formats one record as a line (without the line terminator).</summary>
    public static string Format(WireTraceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var builder = new StringBuilder(record.Payload.Length + 64);
        builder.Append(record.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture))
            .Append('\t').Append(record.Direction == WireDirection.Sent ? '>' : '<')
            .Append('\t').Append(Escape(record.Transport))
            .Append('\t').Append(Escape(record.Kind))
            .Append('\t');
        AppendEscaped(builder, record.Payload);
        return builder.ToString();
    }

    /// <summary>Parses one record line; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static WireTraceRecord Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = line.Split('\t', 5);
        if (fields.Length != 5)
        {
            throw new FormatException($"A trace record has 5 tab-separated fields (time, direction, transport, kind, payload); this line has {fields.Length}.");
        }

        if (!DateTimeOffset.TryParse(fields[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            throw new FormatException($"'{fields[0]}' is not a trace time (ISO 8601 UTC).");
        }

        var direction = fields[1] switch
        {
            ">" => WireDirection.Sent,
            "<" => WireDirection.Received,
            _ => throw new FormatException($"'{fields[1]}' is not a direction ('>' client to server, '<' server to client)."),
        };
        return new WireTraceRecord(time, direction, Unescape(fields[2]), Unescape(fields[3]), Unescape(fields[4]));
    }

    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        AppendEscaped(builder, text);
        return builder.ToString();
    }

    private static void AppendEscaped(StringBuilder builder, string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => builder.Append(@"\\"),
                '\t' => builder.Append(@"\t"),
                '\r' => builder.Append(@"\r"),
                '\n' => builder.Append(@"\n"),
                _ => builder.Append(c),
            };
        }
    }

    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length)
            {
                builder.Append(text[i]);
                continue;
            }

            i++;
            builder.Append(text[i] switch
            {
                't' => '\t',
                'r' => '\r',
                'n' => '\n',
                _ => text[i],
            });
        }

        return builder.ToString();
    }
}
