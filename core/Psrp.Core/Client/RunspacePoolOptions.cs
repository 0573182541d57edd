using Psrp.Host;
using Psrp.Runspaces;
using Psrp.Serialization;
using Psrp.Transport;

namespace Psrp.Client;

/// <summary>How a <see cref="RunspacePool"/> is opened and how it protects itself.</summary>
public sealed record RunspacePoolOptions
{
    /// <summary>Pool size, protocol version, threading and application arguments.</summary>
    public RunspacePoolSettings Settings { get; init; } = new();

    /// <summary>
    /// The host that answers the server's host calls. Null (the default): the pool announces no
    /// host, and the server fails prompts itself with PowerShell's non-interactive error.
    /// </summary>
    public IPsrpHost? Host { get; init; }

    /// <summary>How long opening may take (PowerShell: 3 minutes).</summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How long to wait for a stopped pipeline to report its final state, and for closes.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Largest reassembled message (default 128 MiB). PowerShell's WSMan client stops at 10 MiB by
    /// default; its out-of-proc client has no limit, and 16 MiB strings are ordinary there.
    /// </summary>
    public int MaxReceivedObjectSize { get; init; } = 128 << 20;

    /// <summary>
    /// Most bytes of unfinished objects the connection holds across all its channels (pipelines and
    /// streams) at once. Null (the default): twice <see cref="MaxReceivedObjectSize"/>, so one object at
    /// the limit fits beside the rest, while a server opening objects on many channels and finishing none
    /// cannot make the client hold more. Past it the pool fails with a protocol error.
    /// </summary>
    public long? MaxReceivedUnfinishedSize { get; init; }

    /// <summary>The unfinished-object budget in effect.</summary>
    internal long ReceivedUnfinishedLimit => MaxReceivedUnfinishedSize ?? 2L * MaxReceivedObjectSize;

    /// <summary>
    /// Most fragment bytes one pipeline may receive, all its streams together (PowerShell's
    /// <c>MaximumReceivedDataSizePerCommand</c>). Null (the default, as PowerShell's client): no limit.
    /// PowerShell's servers apply 50 MiB to what a client sends per command. Past the limit the
    /// pipeline fails with a <see cref="PsrpTransportException"/> and is stopped; the pool stays open.
    /// </summary>
    public int? MaxReceivedDataSizePerCommand { get; init; }

    /// <summary>Limits for reading CLIXML from the server.</summary>
    public ClixmlLimits ClixmlLimits { get; init; } = ClixmlLimits.Default;

    /// <summary>
    /// Output objects buffered per pipeline before the client stops reading from the server
    /// (backpressure keeps memory bounded when the consumer is slower than the server).
    /// </summary>
    public int OutputBufferCapacity { get; init; } = 1024;

    /// <summary>
    /// How long decoded output may wait before its consumer sees it, so that a streaming consumer
    /// is woken once per batch rather than once per object (each wake-up costs more client CPU
    /// than decoding a small object). Output is handed over sooner when the pipeline ends or the
    /// buffer fills. Zero hands over whatever arrived each time the received data runs out.
    /// </summary>
    public TimeSpan OutputBatchWindow { get; init; } = TimeSpan.FromMilliseconds(2);

    private const int MinReceiveLimit = 1024;

    // Longer than this, batching would read as a stalled pipeline to someone watching the output.
    private static readonly TimeSpan MaxOutputBatchWindow = TimeSpan.FromSeconds(1);

    /// <summary>Checks every value; throws <see cref="PsrpOptionException"/> (an <see cref="ArgumentOutOfRangeException"/>) naming the first bad one.</summary>
    public void Validate()
    {
        Settings.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(OpenTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CloseTimeout, TimeSpan.Zero);
        if (MaxReceivedObjectSize < MinReceiveLimit)
        {
            throw new PsrpOptionException(nameof(MaxReceivedObjectSize), MaxReceivedObjectSize,
                $"The largest received object must be at least {MinReceiveLimit} bytes: the server's own state messages are that large. It is {MaxReceivedObjectSize}.");
        }

        if (MaxReceivedUnfinishedSize is { } unfinished && unfinished < MaxReceivedObjectSize)
        {
            throw new PsrpOptionException(nameof(MaxReceivedUnfinishedSize), unfinished,
                $"The unfinished-object budget must hold at least one object of MaxReceivedObjectSize ({MaxReceivedObjectSize} bytes). It is {unfinished}.");
        }

        if (MaxReceivedDataSizePerCommand is { } perCommand && perCommand < MinReceiveLimit)
        {
            throw new PsrpOptionException(nameof(MaxReceivedDataSizePerCommand), perCommand,
                $"The data a pipeline may receive must be at least {MinReceiveLimit} bytes (its state message alone needs several hundred), or unset for no limit. It is {perCommand}.");
        }

        if (OutputBatchWindow < TimeSpan.Zero || OutputBatchWindow > MaxOutputBatchWindow)
        {
            throw new PsrpOptionException(nameof(OutputBatchWindow), OutputBatchWindow,
                $"Output may wait between 0 and {MaxOutputBatchWindow.TotalMilliseconds:0} ms before its consumer sees it. It is {OutputBatchWindow.TotalMilliseconds} ms.");
        }

        if (OutputBufferCapacity < 1)
        {
            throw new PsrpOptionException(nameof(OutputBufferCapacity), OutputBufferCapacity,
                $"A pipeline must be able to buffer at least one output object. It is {OutputBufferCapacity}.");
        }
    }
}
