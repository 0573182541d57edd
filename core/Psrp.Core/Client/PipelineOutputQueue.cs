using System.Threading.Channels;
using Psrp.Serialization;

namespace Psrp.Client;

/// <summary>
/// One pipeline's output on its way from the pool's receive loop to the consumer of
/// <see cref="RemotePipeline.InvokeAsync"/>, handed over in batches.
/// </summary>
/// <remarks>
/// Handing over every object on its own wakes the consumer once per object: a thread-pool work
/// item, a context switch and idle workers spinning, which cost more client CPU than decoding the
/// object did. The receive loop instead collects what one burst of received data produced and
/// hands it over when it runs out of received data (<see cref="FlushAsync"/>) or a batch is full,
/// so the consumer wakes once per burst. Memory stays bounded: at most <c>capacity</c> objects wait
/// in full batches, plus one batch being filled. Only the receive loop adds and flushes.
/// </remarks>
internal sealed class PipelineOutputQueue
{
    private const int MaxBatchSize = 64;
    private const int FirstBatchSize = 4;

    private readonly Channel<ArraySegment<PsObject?>> _batches;
    private readonly int _batchSize;
    private PsObject?[]? _pending;
    private int _count;

    public PipelineOutputQueue(int capacity)
    {
        // Sixteen batches per buffer keeps a slow consumer's first objects flowing while the
        // rest fill; a capacity of 1 still means one object at a time.
        _batchSize = Math.Clamp(capacity / 16, 1, MaxBatchSize);
        _batches = Channel.CreateBounded<ArraySegment<PsObject?>>(new BoundedChannelOptions(Math.Max(1, capacity / _batchSize))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The consumer's side: batches in the order the server sent their objects.</summary>
    public ChannelReader<ArraySegment<PsObject?>> Reader => _batches.Reader;

    /// <summary>Whether objects wait for the next <see cref="FlushAsync"/>.</summary>
    public bool HasPending => _count > 0;

    /// <summary>
    /// Adds an object to the batch being filled; hands the batch over when it is full, waiting
    /// for room (the backpressure that keeps a slow consumer's memory bounded).
    /// </summary>
    public ValueTask AddAsync(PsObject? item, CancellationToken cancellationToken)
    {
        if (_pending is null)
        {
            _pending = new PsObject?[Math.Min(FirstBatchSize, _batchSize)];
        }
        else if (_count == _pending.Length)
        {
            // Most pipelines return a handful of objects: the batch grows only for those that stream.
            Array.Resize(ref _pending, Math.Min(_pending.Length * 2, _batchSize));
        }

        _pending[_count++] = item;
        return _count == _batchSize ? FlushAsync(cancellationToken) : default;
    }

    /// <summary>Hands the batch being filled to the consumer, waiting for room.</summary>
    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_count == 0)
        {
            return default;
        }

        var batch = new ArraySegment<PsObject?>(_pending!, 0, _count);
        _pending = null;
        _count = 0;
        return _batches.Writer.TryWrite(batch) ? default : _batches.Writer.WriteAsync(batch, cancellationToken);
    }

    /// <summary>No more output: the consumer ends after the batches already handed over, or with <paramref name="error"/>.</summary>
    public void Complete(Exception? error = null) => _batches.Writer.TryComplete(error);
}
