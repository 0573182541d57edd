using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Psrp.Transport;

namespace Psrp.OutOfProc;

/// <summary>
/// Writes and parses the one-line packets of the out-of-process framing (psrp-facts §6.1):
/// single-quoted attributes, lower-case GUIDs, exactly the attributes PowerShell's parser
/// expects, and never an empty line (the stdio server takes one as "client died").
/// </summary>
public static class OutOfProcPacketCodec
{
    /// <summary>Prefix of an error line a server writes instead of a packet (stdio, SSH, named pipe).</summary>
    public const string NamedPipeErrorPrefix = "__NamedPipeError__:";

    /// <summary>Prefix of an error line on the Hyper-V socket transport.</summary>
    public const string HyperVSocketErrorPrefix = "__HyperVSocketError__:";

    private static ReadOnlySpan<byte> DataOpenDefault => "<Data Stream='Default' PSGuid='"u8;

    private static ReadOnlySpan<byte> DataOpenPrompt => "<Data Stream='PromptResponse' PSGuid='"u8;

    /// <summary>The most bytes of base64 text <see cref="WriteData"/> writes for <paramref name="payloadLength"/> bytes.</summary>
    public static int GetDataLineLength(int payloadLength) =>
        DataOpenPrompt.Length + 36 + 2 + Base64.GetMaxEncodedToUtf8Length(payloadLength) + "</Data>\n".Length;

    /// <summary>Writes a Data line carrying <paramref name="fragments"/> (one or more whole fragments), ending in <c>\n</c>.</summary>
    public static void WriteData(IBufferWriter<byte> output, Guid psGuid, PsrpStreamKind stream, ReadOnlySpan<byte> fragments)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (fragments.IsEmpty)
        {
            // A Data element without text is an error for PowerShell's parser.
            throw new ArgumentException("A Data packet must carry at least one byte.", nameof(fragments));
        }

        var span = output.GetSpan(GetDataLineLength(fragments.Length));
        var open = stream == PsrpStreamKind.PromptResponse ? DataOpenPrompt : DataOpenDefault;
        open.CopyTo(span);
        var n = open.Length;
        n += WriteGuid(span[n..], psGuid);
        "'>"u8.CopyTo(span[n..]);
        n += 2;
        Base64.EncodeToUtf8(fragments, span[n..], out _, out var written);
        n += written;
        "</Data>\n"u8.CopyTo(span[n..]);
        n += 8;
        output.Advance(n);
    }

    /// <summary>Writes a control packet (<c>&lt;Kind PSGuid='…' /&gt;</c>) ending in <c>\n</c>.</summary>
    public static void WriteControl(IBufferWriter<byte> output, OutOfProcPacketKind kind, Guid psGuid)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (kind == OutOfProcPacketKind.Data)
        {
            throw new ArgumentException("Use WriteData for Data packets.", nameof(kind));
        }

        var name = ElementName(kind);
        var span = output.GetSpan(name.Length + 64);
        span[0] = (byte)'<';
        var n = 1 + Encoding.ASCII.GetBytes(name, span[1..]);
        " PSGuid='"u8.CopyTo(span[n..]);
        n += 9;
        n += WriteGuid(span[n..], psGuid);
        "' />\n"u8.CopyTo(span[n..]);
        n += 5;
        output.Advance(n);
    }

    private static int WriteGuid(Span<byte> destination, Guid value)
    {
        if (!Utf8Formatter.TryFormat(value, destination, out var written, 'D'))
        {
            throw new InvalidOperationException("Could not format a GUID.");
        }

        return written;
    }

    private static string ElementName(OutOfProcPacketKind kind) => kind switch
    {
        OutOfProcPacketKind.Data => "Data",
        OutOfProcPacketKind.DataAck => "DataAck",
        OutOfProcPacketKind.Command => "Command",
        OutOfProcPacketKind.CommandAck => "CommandAck",
        OutOfProcPacketKind.Signal => "Signal",
        OutOfProcPacketKind.SignalAck => "SignalAck",
        OutOfProcPacketKind.Close => "Close",
        OutOfProcPacketKind.CloseAck => "CloseAck",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// True when the line is an error line (<c>__NamedPipeError__:</c> or <c>__HyperVSocketError__:</c>);
    /// <paramref name="message"/> is the text after the prefix.
    /// </summary>
    public static bool TryParseErrorLine(ReadOnlySpan<byte> line, out string message)
    {
        // Every line goes through here: compare bytes, so a packet line costs no string.
        foreach (var prefix in (ReadOnlySpan<string>)[NamedPipeErrorPrefix, HyperVSocketErrorPrefix])
        {
            if (line.Length >= prefix.Length && Ascii.Equals(line[..prefix.Length], prefix))
            {
                message = Encoding.UTF8.GetString(line[prefix.Length..]).Trim();
                return true;
            }
        }

        message = string.Empty;
        return false;
    }

    /// <summary>
    /// Parses one line (without its line terminator; a trailing <c>\r</c> is ignored). Accepts the
    /// forms PowerShell writes and what an XML reader would accept of them (either quote, extra
    /// spaces); anything else gives <see cref="PsrpProtocolException"/>.
    /// </summary>
    public static OutOfProcPacket Parse(ReadOnlySpan<byte> line)
    {
        var s = line.TrimEnd("\r\n\t "u8).TrimStart(" \t"u8);
        if (s.Length < 4 || s[0] != (byte)'<')
        {
            throw Invalid(line, "it is not a packet element");
        }

        var nameEnd = s[1..].IndexOfAny(" \t/>"u8);
        if (nameEnd < 0)
        {
            throw Invalid(line, "the element never ends");
        }

        var kind = ParseName(s.Slice(1, nameEnd)) ?? throw Invalid(line, "unknown element");
        var rest = s[(1 + nameEnd)..];

        Guid? psGuid = null;
        PsrpStreamKind? stream = null;
        var attributes = 0;
        while (true)
        {
            rest = rest.TrimStart(" \t"u8);
            if (rest.IsEmpty)
            {
                throw Invalid(line, "the element never ends");
            }

            if (rest[0] == (byte)'/' || rest[0] == (byte)'>')
            {
                break;
            }

            var eq = rest.IndexOf((byte)'=');
            if (eq <= 0 || eq + 1 >= rest.Length)
            {
                throw Invalid(line, "malformed attribute");
            }

            var attrName = rest[..eq].TrimEnd(" \t"u8);
            var afterEq = rest[(eq + 1)..].TrimStart(" \t"u8);
            var quote = afterEq.IsEmpty ? (byte)0 : afterEq[0];
            if (quote != (byte)'\'' && quote != (byte)'"')
            {
                throw Invalid(line, "attribute value is not quoted");
            }

            var close = afterEq[1..].IndexOf(quote);
            if (close < 0)
            {
                throw Invalid(line, "attribute value never ends");
            }

            var value = afterEq.Slice(1, close);
            rest = afterEq[(close + 2)..];
            attributes++;
            if (attrName.SequenceEqual("PSGuid"u8))
            {
                if (!Utf8Parser.TryParse(value, out Guid g, out var consumed, 'D') || consumed != value.Length)
                {
                    throw Invalid(line, "PSGuid is not a GUID");
                }

                psGuid = g;
            }
            else if (attrName.SequenceEqual("Stream"u8))
            {
                stream = value.SequenceEqual("Default"u8) ? PsrpStreamKind.Default
                    : value.SequenceEqual("PromptResponse"u8) ? PsrpStreamKind.PromptResponse
                    : throw Invalid(line, "unknown Stream");
            }
            else
            {
                throw Invalid(line, "unexpected attribute");
            }
        }

        if (psGuid is null)
        {
            throw Invalid(line, "PSGuid is missing");
        }

        if (kind == OutOfProcPacketKind.Data)
        {
            if (stream is null || attributes != 2)
            {
                throw Invalid(line, "a Data packet needs exactly the Stream and PSGuid attributes");
            }

            if (rest[0] != (byte)'>' || !rest.EndsWith("</Data>"u8))
            {
                throw Invalid(line, "a Data packet must hold its payload between <Data> and </Data>");
            }

            var payload = rest[1..^7].Trim(" \t"u8);
            if (payload.IsEmpty)
            {
                throw Invalid(line, "a Data packet has no payload");
            }

            return new OutOfProcPacket(kind, psGuid.Value, stream.Value, payload);
        }

        if (attributes != 1 || !rest.SequenceEqual("/>"u8))
        {
            throw Invalid(line, "a control packet must be an empty element with only PSGuid");
        }

        return new OutOfProcPacket(kind, psGuid.Value, PsrpStreamKind.Default, default);
    }

    private static OutOfProcPacketKind? ParseName(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("Data"u8) => OutOfProcPacketKind.Data,
        _ when name.SequenceEqual("DataAck"u8) => OutOfProcPacketKind.DataAck,
        _ when name.SequenceEqual("Command"u8) => OutOfProcPacketKind.Command,
        _ when name.SequenceEqual("CommandAck"u8) => OutOfProcPacketKind.CommandAck,
        _ when name.SequenceEqual("Signal"u8) => OutOfProcPacketKind.Signal,
        _ when name.SequenceEqual("SignalAck"u8) => OutOfProcPacketKind.SignalAck,
        _ when name.SequenceEqual("Close"u8) => OutOfProcPacketKind.Close,
        _ when name.SequenceEqual("CloseAck"u8) => OutOfProcPacketKind.CloseAck,
        _ => null,
    };

    private static PsrpProtocolException Invalid(ReadOnlySpan<byte> line, string why)
    {
        // Show the start of the line only: it may be long, and it is peer data, not ours.
        var shown = Encoding.UTF8.GetString(line[..Math.Min(line.Length, 80)]);
        return new PsrpProtocolException(PsrpProtocolError.InvalidPacket, $"Invalid out-of-process packet ({why}): '{shown}'.");
    }
}
