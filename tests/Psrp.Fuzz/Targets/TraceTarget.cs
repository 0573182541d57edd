using System.Text;
using Psrp.Diagnostics;
using Psrp.Transport;

namespace Psrp.Fuzz.Targets;

/// <summary>
/// A wire trace file (core/Psrp.Core/Diagnostics) as <c>psrp trace decode FILE</c> reads one: every
/// record through <see cref="WireTraceDecoder"/> (out-of-proc packets and WSMan envelopes, fragments
/// reassembled per stream by the FragmentStreamDecoder), each message's CLIXML indented for display,
/// and the summary. A malformed record line is a <see cref="FormatException"/>, as documented.
/// </summary>
public sealed class TraceTarget : IFuzzTarget
{
    /// <inheritdoc />
    public string Name => "trace";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        var decoder = new WireTraceDecoder();
        try
        {
            foreach (var unit in WireTraceDecoder.DecodeTrace(new StringReader(Encoding.UTF8.GetString(input)), decoder))
            {
                Render(unit);
            }
        }
        catch (FormatException)
        {
        }

        var summary = decoder.Summary;
        _ = summary.Messages;
        _ = summary.Gaps;
        _ = summary.Pipelines;
    }

    /// <summary>What <c>psrp trace decode --xml</c> computes for a unit.</summary>
    internal static void Render(DecodedUnit unit)
    {
        foreach (var message in unit.Messages)
        {
            _ = message.TypeName;
            if (message.Data.Length > 0)
            {
                _ = ClixmlText.Indent(message.DataText, 4 << 10);
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<(string Name, byte[] Bytes)> Seeds(Golden golden)
    {
        var clock = new FixedClock();
        var file = new MemoryStream();
        using (var writer = new WireTraceWriter(file, clock))
        {
            var direction = WireDirection.Sent;
            foreach (var (_, bytes) in golden.Payloads)
            {
                var line = new System.Buffers.ArrayBufferWriter<byte>();
                OutOfProc.OutOfProcPacketCodec.WriteData(line, Guid.Empty, PsrpStreamKind.Default, bytes);
                writer.RecordPacket("process", direction, line.WrittenSpan);
                direction = direction == WireDirection.Sent ? WireDirection.Received : WireDirection.Sent;
                clock.Advance();
            }

            writer.RecordPacket("process", WireDirection.Received, "<CommandAck PSGuid='2b0f1c4e-5d6a-4b7c-8d9e-0f1a2b3c4d5e' />"u8);
            writer.RecordPacket("process", WireDirection.Received, "__NamedPipeError__:server failed"u8);
            writer.RecordText("wsman", WireDirection.Received, WireTraceFormat.WsmanKind,
                "HTTP/1.1 200 OK\nContent-Type: application/soap+xml\n\n<s:Envelope><s:Header><a:Action>http://schemas.microsoft.com/wbem/wsman/1/windows/shell/ReceiveResponse</a:Action></s:Header><s:Body><rsp:ReceiveResponse>"
                + $"<rsp:Stream Name=\"stdout\" CommandId=\"1D2E3F4A-5B6C-7D8E-9F0A-1B2C3D4E5F6A\">{Convert.ToBase64String(golden.Payloads[^1].Bytes)}</rsp:Stream></rsp:ReceiveResponse></s:Body></s:Envelope>");
        }

        yield return ("trace", file.ToArray());
    }

    private sealed class FixedClock : TimeProvider
    {
        private DateTimeOffset _now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance() => _now = _now.AddMilliseconds(3.5);
    }
}
