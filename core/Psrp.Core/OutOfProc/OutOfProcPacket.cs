using Psrp.Transport;

namespace Psrp.OutOfProc;

/// <summary>
/// One parsed out-of-process packet. <see cref="Base64Payload"/> is a slice of the line it came
/// from (Data packets only), so parsing allocates nothing; decode it before the line is reused.
/// </summary>
public readonly ref struct OutOfProcPacket
{
    internal OutOfProcPacket(OutOfProcPacketKind kind, Guid psGuid, PsrpStreamKind stream, ReadOnlySpan<byte> base64Payload)
    {
        Kind = kind;
        PsGuid = psGuid;
        Stream = stream;
        Base64Payload = base64Payload;
    }

    /// <summary>The packet form.</summary>
    public OutOfProcPacketKind Kind { get; }

    /// <summary>The channel: <see cref="Guid.Empty"/> for the session/runspace pool, else the pipeline id.</summary>
    public Guid PsGuid { get; }

    /// <summary>The priority stream of a Data packet.</summary>
    public PsrpStreamKind Stream { get; }

    /// <summary>The base64 text of a Data packet (ASCII bytes), empty otherwise.</summary>
    public ReadOnlySpan<byte> Base64Payload { get; }
}
