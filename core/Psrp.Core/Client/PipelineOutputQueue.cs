using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Psrp.Serialization;

namespace Psrp.Client;

/// <summary>
/// One pipeline's output on its way from the pool's receive step to the consumer of
/// <see cref="RemotePipeline.InvokeAsync"/>. Objects are added as they are decoded but become
/// visible to the consumer only when the receive step flushes, so the consumer wakes once per
/// burst of output rather than once per object.
/// </summary>
/// <remarks>
/// Waking a waiting consumer is a thread-pool work item, a context switch and, worse, idle workers
/// spinning afterwards; per object that cost several times more client CPU than decoding the object.
/// Memory stays bounded: once <c>capacity</c> objects wait, everything is made visible and the
/// receive step waits for the consumer (the backpressure that makes the server wait in turn).
/// One receive step adds; a flush may come from it or from the pool's flush timer; one consumer takes.
/// </remarks>
internal sealed class PipelineOutputQueue
{
    private readonly object _gate = new();
    private readonly Queue<PsObject?> _items = new();
    private readonly int _capacity;
    private int _visible;
    private long _firstHiddenAt;
    private bool _completed;
    private Exception? _error;
    private TaskCompletionSource? _consumerWaiting;
    private TaskCompletionSource? _producerWaiting;

    public PipelineOutputQueue(int capacity) => _capacity = capacity;

    /// <summary>Whether objects were added that the consumer cannot see yet.</summary>
    public bool HasHidden
    {
        get
        {
            lock (_gate)
            {
                return _items.Count > _visible;
            }
        }
    }

    /// <summary>
    /// Adds an object, hidden until the next flush. When the buffer is full, flushes and waits
    /// until the consumer has taken something; throws if <paramref name="cancellationToken"/> ends the wait.
    /// </summary>
    /// <returns>True when this object is the first hidden one (the caller schedules a flush).</returns>
    public async ValueTask<bool> AddAsync(PsObject? item, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task full;
            lock (_gate)
            {
                if (_completed)
                {
                    return false;
                }

                if (_items.Count < _capacity)
                {
                    var first = _items.Count == _visible;
                    if (first)
                    {
                        _firstHiddenAt = Stopwatch.GetTimestamp();
                    }

                    _items.Enqueue(item);
                    return first;
                }

                RevealLocked();
                _producerWaiting ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                full = _producerWaiting.Task;
            }

            await full.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Makes every object added so far visible, waking the consumer if it waits.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            RevealLocked();
        }
    }

    /// <summary>
    /// Flushes when the oldest hidden object has waited <paramref name="window"/> or longer;
    /// false when hidden objects remain for a later flush.
    /// </summary>
    public bool FlushIfDue(TimeSpan window)
    {
        lock (_gate)
        {
            if (_items.Count > _visible && Stopwatch.GetElapsedTime(_firstHiddenAt) < window)
            {
                return false;
            }

            RevealLocked();
            return true;
        }
    }

    /// <summary>
    /// No more output: the consumer gets what was added (all of it made visible), then the end,
    /// or <paramref name="error"/> after the visible objects.
    /// </summary>
    public void Complete(Exception? error = null)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            _error = error;
            _visible = error is null ? _items.Count : _visible;
            _consumerWaiting?.TrySetResult();
            _consumerWaiting = null;
            _producerWaiting?.TrySetResult();
            _producerWaiting = null;
        }
    }

    /// <summary>
    /// Moves the visible objects into <paramref name="batch"/> (cleared first), waiting for some;
    /// false at the end of the output. Throws the error the queue was completed with.
    /// </summary>
    public async ValueTask<bool> TakeAsync(List<PsObject?> batch, CancellationToken cancellationToken)
    {
        batch.Clear();
        while (true)
        {
            Task waiting;
            lock (_gate)
            {
                if (_visible > 0)
                {
                    for (; _visible > 0; _visible--)
                    {
                        batch.Add(_items.Dequeue());
                    }

                    _producerWaiting?.TrySetResult();
                    _producerWaiting = null;
                    return true;
                }

                if (_completed)
                {
                    if (_error is not null)
                    {
                        ExceptionDispatchInfo.Throw(_error);
                    }

                    return false;
                }

                _consumerWaiting ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting = _consumerWaiting.Task;
            }

            await waiting.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void RevealLocked()
    {
        // After a failure, what was still hidden stays hidden: the consumer gets the error instead.
        if (_completed || _visible == _items.Count)
        {
            return;
        }

        _visible = _items.Count;
        _consumerWaiting?.TrySetResult();
        _consumerWaiting = null;
    }
}
