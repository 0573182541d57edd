using System.Text;
using Psrp.Diagnostics;

namespace Psrp.Fuzz.Targets;

/// <summary>
/// A blob given to <c>psrp trace decode BLOB</c>: a packet line or envelope (decoded as one record),
/// else base64 or a hex dump of fragments or of a bare message (<see cref="WireTraceDecoder.ParseBlobText"/>
/// then <see cref="WireTraceDecoder.DecodeBlob"/>). Text that is neither is a <see cref="FormatException"/>.
/// </summary>
public sealed class TraceBlobTarget : IFuzzTarget
{
    /// <inheritdoc />
    public string Name => "trace-blob";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input).Trim();
        try
        {
            DecodedUnit unit;
            if (text.StartsWith('<'))
            {
                var kind = text.StartsWith("<Data", StringComparison.Ordinal) ? WireTraceFormat.PacketKind : WireTraceFormat.WsmanKind;
                unit = new WireTraceDecoder().Decode(new WireTraceRecord(DateTimeOffset.UnixEpoch, WireDirection.Sent, "blob", kind, text));
            }
            else
            {
                unit = WireTraceDecoder.DecodeBlob(WireTraceDecoder.ParseBlobText(text));
            }

            TraceTarget.Render(unit);
        }
        catch (FormatException)
        {
        }
    }

    /// <inheritdoc />
    public IEnumerable<(string Name, byte[] Bytes)> Seeds(Golden golden)
    {
        foreach (var (name, bytes) in golden.Payloads.Take(4))
        {
            yield return ($"{name}.b64", Encoding.ASCII.GetBytes(Convert.ToBase64String(bytes)));
        }

        var message = golden.Messages[0].Bytes;
        yield return ("message.hex", Encoding.ASCII.GetBytes(Convert.ToHexString(message.AsSpan(0, Math.Min(message.Length, 96)))));
        yield return ("message.0x-colons", Encoding.ASCII.GetBytes("0x" + string.Join(':', message.Take(48).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)))));
        yield return ("packet-line", Encoding.ASCII.GetBytes($"<Data Stream='Default' PSGuid='00000000-0000-0000-0000-000000000000'>{Convert.ToBase64String(golden.Payloads[0].Bytes)}</Data>"));
    }
}
