using Psrp.Fragments;

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

    /// <summary>
    /// Extra text for error messages when the connection dies, e.g. the tail of the server's stderr.
    /// Must not return secrets.
    /// </summary>
    public Func<string?>? Diagnostics { get; init; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Name);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFragmentSize, Fragmenter.MinFragmentSize);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AckTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DataAckTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReceiveQueueCapacity, 1);
    }
}
