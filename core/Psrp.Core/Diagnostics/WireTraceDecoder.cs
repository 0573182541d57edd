using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.RegularExpressions;
using Psrp.Fragments;
using Psrp.OutOfProc;
using Psrp.Transport;

namespace Psrp.Diagnostics;

/// <summary>
/// Decodes a wire trace record by record — packets, then fragments, then messages reassembled
/// across packets per (direction, channel, stream) — and keeps a <see cref="TraceSummary"/>. Also
/// decodes a bare blob (fragments or one message, e.g. base64 copied from a WinRM log). Feed
/// records in file order. Not thread-safe.
/// </summary>
public sealed partial class WireTraceDecoder
{
    /// <summary>Default bound on one reassembled message (256 MiB).</summary>
    public const int DefaultMaxMessageSize = 256 << 20;

    private readonly Dictionary<(WireDirection, string, string, PsrpStreamKind), FragmentStreamDecoder> _streams = [];
    private readonly int _maxMessageSize;

    /// <summary>Creates a decoder holding at most <paramref name="maxMessageSize"/> bytes per message.</summary>
    public WireTraceDecoder(int maxMessageSize = DefaultMaxMessageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageSize, 1024);
        _maxMessageSize = maxMessageSize;
    }

    /// <summary>Totals over every record decoded so far.</summary>
    public TraceSummary Summary { get; } = new();

    /// <summary>Reads a whole trace (header line first) and decodes every record.</summary>
    public static IEnumerable<DecodedUnit> DecodeTrace(TextReader reader, WireTraceDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(decoder);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            WireTraceRecord record;
            try
            {
                record = WireTraceFormat.Parse(line);
            }
            catch (FormatException ex)
            {
                throw new FormatException($"Line {number}: {ex.Message}", ex);
            }

            yield return decoder.Decode(record);
        }
    }

    /// <summary>Decodes one record.</summary>
    public DecodedUnit Decode(WireTraceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var unit = record.Kind == WireTraceFormat.PacketKind ? DecodePacket(record) : DecodeText(record);
        Summary.Add(unit);
        return unit;
    }

    /// <summary>
    /// Decodes a bare blob: whole or partial fragments (several allowed), or one message without a
    /// fragment header (as MS-PSRP examples and WinRM logs show them).
    /// </summary>
    public static DecodedUnit DecodeBlob(ReadOnlySpan<byte> bytes, WireDirection direction = WireDirection.Sent)
    {
        var fragments = new List<FragmentHeader>();
        var messages = new List<DecodedMessage>();
        if (LooksLikeFragment(bytes))
        {
            var stream = new FragmentStreamDecoder(direction, DefaultMaxMessageSize);
            try
            {
                stream.Feed(bytes, fragments, messages);
                return new DecodedUnit(null, $"{bytes.Length} bytes of fragments", null, null, bytes.Length, fragments, messages, null);
            }
            catch (PsrpProtocolException ex)
            {
                return new DecodedUnit(null, $"{bytes.Length} bytes of fragments", null, null, bytes.Length, fragments, messages, ex.Message);
            }
        }

        try
        {
            messages.Add(FragmentStreamDecoder.DecodeMessage(direction, bytes.ToArray(), 0));
            return new DecodedUnit(null, $"one message of {bytes.Length} bytes (no fragment header)", null, null, bytes.Length, fragments, messages, null);
        }
        catch (PsrpProtocolException ex)
        {
            return new DecodedUnit(null, $"{bytes.Length} bytes", null, null, bytes.Length, fragments, messages, $"neither fragments nor a message: {ex.Message}");
        }
    }

    /// <summary>
    /// Turns blob text into bytes: base64, or hex (spaces, colons and a <c>0x</c> prefix allowed).
    /// Throws <see cref="FormatException"/> when it is neither.
    /// </summary>
    public static byte[] ParseBlobText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var compact = Whitespace().Replace(text, string.Empty);
        var hex = compact.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? compact[2..] : compact;
        hex = hex.Replace(":", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (hex.Length > 0 && hex.Length % 2 == 0 && HexOnly().IsMatch(hex) && (hex.Length != compact.Length || LooksHex(hex)))
        {
            return Convert.FromHexString(hex);
        }

        try
        {
            return Convert.FromBase64String(compact);
        }
        catch (FormatException)
        {
            throw new FormatException("The text is neither base64 nor a hex dump.");
        }
    }

    // Base64 of a fragment starts with AAAAAAAAA (a small big-endian object id); hex of one starts
    // with 0000000000: a hex reading is taken when it decodes to a plausible fragment or message.
    private static bool LooksHex(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        return LooksLikeFragment(bytes) || (bytes.Length >= 40 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 0 && bytes[0] is 1 or 2);
    }

    private static bool LooksLikeFragment(ReadOnlySpan<byte> bytes) =>
        FragmentHeader.TryRead(bytes, out var header) && header.ObjectId is > 0 and < (1UL << 48)
        && header.IsStart && header.BlobLength >= 0 && header.FragmentId == 0;

    private DecodedUnit DecodePacket(WireTraceRecord record)
    {
        var line = Encoding.UTF8.GetBytes(record.Payload);
        if (OutOfProcPacketCodec.TryParseErrorLine(line, out var error))
        {
            return Empty(record, "error line", $"the server reported: {error}");
        }

        try
        {
            var packet = OutOfProcPacketCodec.Parse(line);
            var channel = packet.PsGuid;
            var what = $"{packet.Kind} {Channel(channel)}";
            if (packet.Kind != OutOfProcPacketKind.Data)
            {
                return new DecodedUnit(record, what, channel, null, 0, [], [], null);
            }

            var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(packet.Base64Payload.Length)];
            if (Base64.DecodeFromUtf8(packet.Base64Payload, bytes, out _, out var written) != OperationStatus.Done)
            {
                return new DecodedUnit(record, what, channel, packet.Stream, 0, [], [], "the payload is not base64");
            }

            var stream = packet.Stream;
            return Feed(record, $"{what} {stream}", channel, stream, bytes.AsSpan(0, written));
        }
        catch (PsrpProtocolException ex)
        {
            return Empty(record, "not a packet", ex.Message);
        }
    }

    private DecodedUnit DecodeText(WireTraceRecord record)
    {
        var fragments = new List<FragmentHeader>();
        var messages = new List<DecodedMessage>();
        var payload = 0;
        string? error = null;
        foreach (Match match in WsmanStreams.Base64Element().Matches(record.Payload))
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(match.Groups["b64"].Value);
            }
            catch (FormatException)
            {
                error ??= $"<{match.Groups["tag"].Value}> does not hold base64";
                continue;
            }

            payload += bytes.Length;
            var channel = WsmanStreams.Channel(match.Groups["attrs"].Value);
            var kind = WsmanStreams.StreamKind(match.Groups["attrs"].Value);
            try
            {
                Stream(record, channel, kind).Feed(bytes, fragments, messages);
            }
            catch (PsrpProtocolException ex)
            {
                error ??= ex.Message;
            }
        }

        var action = WsmanAction().Match(record.Payload) is { Success: true } a ? a.Groups["action"].Value : FirstLine(record.Payload);
        return new DecodedUnit(record, $"{record.Kind} {action}", null, null, payload, fragments, messages, error);
    }

    private DecodedUnit Feed(WireTraceRecord record, string what, Guid channel, PsrpStreamKind stream, ReadOnlySpan<byte> bytes)
    {
        var fragments = new List<FragmentHeader>();
        var messages = new List<DecodedMessage>();
        try
        {
            Stream(record, channel.ToString(), stream).Feed(bytes, fragments, messages);
            return new DecodedUnit(record, what, channel, stream, bytes.Length, fragments, messages, null);
        }
        catch (PsrpProtocolException ex)
        {
            return new DecodedUnit(record, what, channel, stream, bytes.Length, fragments, messages, ex.Message);
        }
    }

    private FragmentStreamDecoder Stream(WireTraceRecord record, string channel, PsrpStreamKind stream)
    {
        var key = (record.Direction, record.Transport, channel, stream);
        if (!_streams.TryGetValue(key, out var decoder))
        {
            decoder = new FragmentStreamDecoder(record.Direction, _maxMessageSize);
            _streams[key] = decoder;
        }

        return decoder;
    }

    private static DecodedUnit Empty(WireTraceRecord record, string what, string error) => new(record, what, null, null, 0, [], [], error);

    private static string Channel(Guid channel) => channel == Guid.Empty ? "pool" : channel.ToString();

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("^[0-9A-Fa-f]+$")]
    private static partial Regex HexOnly();

    [GeneratedRegex(@"<(?:[\w.-]+:)?Action\b[^>]*>(?:[^<]*/)?(?<action>[^</]+)</", RegexOptions.CultureInvariant)]
    private static partial Regex WsmanAction();
}
