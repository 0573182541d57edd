using Psrp.Diagnostics;
using Psrp.Fragments;

namespace Psrp.Transport;

/// <summary>
/// Wire tuning shared by every transport family, handed to providers with the connect request.
/// Null means "the transport's default" (PowerShell's behaviour). Out-of-proc transports use the
/// fragment, packing and receive knobs; the WSMan provider uses <see cref="MaxFragmentSize"/> and
/// <see cref="MaxEnvelopeSize"/>; every transport reports to <see cref="WireRecorder"/>.
/// </summary>
public sealed record TransportOptions
{
    /// <summary>Largest line of base64 text the out-of-proc codec may have to hold (keeps int arithmetic exact).</summary>
    private const int MaxBase64Line = 1 << 30;

    /// <summary>No tuning: every transport behaves as PowerShell's does.</summary>
    public static TransportOptions Default { get; } = new();

    /// <summary>
    /// Largest fragment the client sends, 21-byte header included (out-of-proc default 32 KiB, as
    /// PowerShell; WSMan: derived from <see cref="MaxEnvelopeSize"/> unless set). Servers keep their own size.
    /// </summary>
    public int? MaxFragmentSize { get; init; }

    /// <summary>
    /// Out-of-proc: most fragments packed into one Data line (which never exceeds one fragment size of
    /// bytes). Null: as many whole fragments as fit, as PowerShell packs. 1: one fragment per line.
    /// </summary>
    public int? MaxFragmentsPerPacket { get; init; }

    /// <summary>WSMan: the largest SOAP envelope, in bytes (WinRM 3.0+: 512000; WinRM 2.0: 153600).</summary>
    public int? MaxEnvelopeSize { get; init; }

    /// <summary>Out-of-proc: bytes read from the stream at a time (default 64 KiB).</summary>
    public int? ReceiveBufferSize { get; init; }

    /// <summary>
    /// Received packets that may wait for the session before the transport stops reading
    /// (backpressure: the server then blocks on its output). Default 64.
    /// </summary>
    public int? ReceiveQueueCapacity { get; init; }

    /// <summary>Gets every packet or envelope, sent and received (for <c>psrp --trace</c>); null records nothing.</summary>
    public IWireRecorder? WireRecorder { get; init; }

    /// <summary>The largest out-of-proc fragment size: its base64 Data line must stay addressable.</summary>
    public static int MaxOutOfProcFragmentSize => MaxBase64Line / 4 * 3;

    /// <summary>The smallest WSMan envelope that still leaves room for the SOAP header and one fragment.</summary>
    public const int MinEnvelopeSize = 8 << 10;

    /// <summary>Checks every set value; throws <see cref="PsrpOptionException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (MaxFragmentSize is { } fragment && (fragment < Fragmenter.MinFragmentSize || fragment > MaxOutOfProcFragmentSize))
        {
            throw new PsrpOptionException(nameof(MaxFragmentSize), fragment,
                $"A fragment size must be {Fragmenter.MinFragmentSize}..{MaxOutOfProcFragmentSize} bytes: it counts the {FragmentHeader.Size}-byte fragment header plus at least one blob byte, and one fragment's base64 must fit one line. It is {fragment}.");
        }

        if (MaxFragmentsPerPacket is { } packing && packing < 1)
        {
            throw new PsrpOptionException(nameof(MaxFragmentsPerPacket), packing,
                $"A Data packet carries at least one fragment; fragments per packet must be 1 or more (or unset for 'as many as fit'). It is {packing}.");
        }

        if (MaxEnvelopeSize is { } envelope && envelope < MinEnvelopeSize)
        {
            throw new PsrpOptionException(nameof(MaxEnvelopeSize), envelope,
                $"A WSMan envelope must be at least {MinEnvelopeSize} bytes to hold the SOAP header and a fragment. It is {envelope}.");
        }

        if (ReceiveBufferSize is { } buffer && (buffer < 256 || buffer > MaxBase64Line))
        {
            throw new PsrpOptionException(nameof(ReceiveBufferSize), buffer,
                $"The receive buffer must be 256..{MaxBase64Line} bytes. It is {buffer}.");
        }

        if (ReceiveQueueCapacity is { } queue && queue < 1)
        {
            throw new PsrpOptionException(nameof(ReceiveQueueCapacity), queue,
                $"The receive queue must hold at least one packet. It is {queue}.");
        }
    }
}
