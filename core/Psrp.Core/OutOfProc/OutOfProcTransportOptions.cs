using Psrp.Diagnostics;
using Psrp.Fragments;
using Psrp.Transport;

namespace Psrp.OutOfProc;

/// <summary>Settings of an <see cref="OutOfProcTransport"/>.</summary>
public sealed record OutOfProcTransportOptions
{
    /// <summary>The transport's name in errors (e.g. <c>process</c>, <c>ssh</c>, <c>container</c>).</summary>
    public string Name { get; init; } = "out-of-process";

    /// <summary>Fragment size, header included. PowerShell uses 32 KiB on every out-of-proc transport; there is no negotiation.</summary>
    public int MaxFragmentSize { get; init; } = Fragmenter.DefaultMaxFragmentSize;

    /// <summary>How long to wait for CommandAck, SignalAck and CloseAck (PowerShell: 60 s).</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for the DataAck that lets the next Data of a channel go.</summary>
    public TimeSpan DataAckTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How many received packets may wait for the session before reading stops (backpressure).</summary>
    public int ReceiveQueueCapacity { get; init; } = 64;

    /// <summary>Most fragments packed into one Data line (never more than one fragment size of bytes); null: as many as fit, as PowerShell.</summary>
    public int? MaxFragmentsPerPacket { get; init; }

    /// <summary>Bytes read from the input stream at a time.</summary>
    public int ReceiveBufferSize { get; init; } = 64 << 10;

    /// <summary>Sees every packet written and read (traces); null records nothing.</summary>
    public IWireRecorder? WireRecorder { get; init; }

    /// <summary>
    /// Extra text for error messages when the connection dies, e.g. the tail of the server's stderr.
    /// Must not return secrets.
    /// </summary>
    public Func<string?>? Diagnostics { get; init; }

    /// <summary>
    /// These options with the values <paramref name="tuning"/> sets (a connect request's
    /// <see cref="TransportOptions"/>); unset values keep what is here. Providers call it on the options they build.
    /// </summary>
    public OutOfProcTransportOptions With(TransportOptions? tuning)
    {
        if (tuning is null)
        {
            return this;
        }

        tuning.Validate();
        return this with
        {
            MaxFragmentSize = tuning.MaxFragmentSize ?? MaxFragmentSize,
            MaxFragmentsPerPacket = tuning.MaxFragmentsPerPacket ?? MaxFragmentsPerPacket,
            ReceiveBufferSize = tuning.ReceiveBufferSize ?? ReceiveBufferSize,
            ReceiveQueueCapacity = tuning.ReceiveQueueCapacity ?? ReceiveQueueCapacity,
            WireRecorder = tuning.WireRecorder ?? WireRecorder,
        };
    }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Name);

        // The same limits as the shared tuning type, so either way in gives the same typed error.
        new TransportOptions
        {
            MaxFragmentSize = MaxFragmentSize,
            MaxFragmentsPerPacket = MaxFragmentsPerPacket,
            ReceiveBufferSize = ReceiveBufferSize,
            ReceiveQueueCapacity = ReceiveQueueCapacity,
        }.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AckTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DataAckTimeout, TimeSpan.Zero);
    }
}
