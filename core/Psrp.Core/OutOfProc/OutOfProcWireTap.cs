using Psrp.Diagnostics;

namespace Psrp.OutOfProc;

/// <summary>
/// Where an <see cref="OutOfProcTransport"/> reports each packet it writes or reads: the wire
/// recorder (for traces) and the <c>Psrp</c> meter. Costs two null/enabled checks when neither listens.
/// </summary>
internal sealed class OutOfProcWireTap(string transport, IWireRecorder? recorder)
{
    private static readonly string[] KindNames = Enum.GetNames<OutOfProcPacketKind>();

    public void Sent(OutOfProcPacketKind kind, ReadOnlySpan<byte> line) => Report(WireDirection.Sent, kind, line);

    public void Received(OutOfProcPacketKind kind, ReadOnlySpan<byte> line) => Report(WireDirection.Received, kind, line);

    /// <summary>A line that is not a packet (a server's error line): traced, not counted.</summary>
    public void ReceivedOther(ReadOnlySpan<byte> line) => recorder?.RecordPacket(transport, WireDirection.Received, line.TrimEnd("\r\n"u8));

    private void Report(WireDirection direction, OutOfProcPacketKind kind, ReadOnlySpan<byte> line)
    {
        if (recorder is not null)
        {
            recorder.RecordPacket(transport, direction, line.TrimEnd("\r\n"u8));
        }

        PsrpTelemetry.RecordPacket(transport, direction, KindNames[(int)kind], line.Length);
    }
}
