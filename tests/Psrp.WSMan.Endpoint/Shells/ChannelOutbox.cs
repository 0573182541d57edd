namespace Psrp.WSMan.Endpoint.Shells;

/// <summary>
/// Output of one channel (the shell, or one command) waiting for a Receive. WinRM sends output only
/// in answer to a pending Receive (BufferMode Block), so the queue is bounded in bytes: when it is
/// full the pump waits, and the PowerShell server behind it waits on its own output, as with WinRM.
/// </summary>
public sealed class ChannelOutbox
{
    private readonly object _gate = new();
    private readonly LinkedList<ReadOnlyMemory<byte>> _queue = new();
    private readonly long _capacity;
    private long _bytes;
    private bool _done;
    private Exception? _failure;
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>Creates an outbox holding at most about <paramref name="capacityBytes"/> bytes.</summary>
    public ChannelOutbox(long capacityBytes) => _capacity = capacityBytes;

    /// <summary>Whether the command finished and its Done was already delivered.</summary>
    public bool DoneDelivered { get; private set; }

    /// <summary>Queues one fragment; waits while the outbox is full. <paramref name="terminal"/> marks the last output of a command.</summary>
    public async ValueTask EnqueueAsync(ReadOnlyMemory<byte> fragment, bool terminal, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_failure is not null || _done)
                {
                    return;
                }

                if (_bytes < _capacity)
                {
                    _queue.AddLast(fragment);
                    _bytes += fragment.Length;
                    _done = terminal;
                    Signal();
                    return;
                }

                wait = _changed.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Marks the channel finished (e.g. a command closed by terminate) so waiting Receives answer Done.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _done = true;
            Signal();
        }
    }

    /// <summary>Fails every present and future Receive with <paramref name="error"/>.</summary>
    public void Fail(Exception error)
    {
        lock (_gate)
        {
            _failure ??= error;
            _queue.Clear();
            _bytes = 0;
            Signal();
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for output, then takes as much as fits: whole
    /// fragments while their <c>rsp:Stream</c> elements fit in <paramref name="space"/> bytes, and,
    /// when not even the first fits, a piece of it (WinRM's stream is bytes; clients reassemble).
    /// Returns null on timeout.
    /// </summary>
    public async Task<ReceiveBatch?> TakeAsync(int space, string? commandId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_failure is not null)
                {
                    throw _failure;
                }

                if (_queue.Count > 0 || _done)
                {
                    return Take(space, commandId);
                }

                wait = _changed.Task;
            }

            try
            {
                await wait.WaitAsync(timer.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }
    }

    private ReceiveBatch Take(int space, string? commandId)
    {
        var chunks = new List<ReadOnlyMemory<byte>>();
        while (_queue.First is { } node)
        {
            var fragment = node.Value;
            var cost = Soap.WSManResponseWriter.StreamElementSize(commandId, fragment.Length);
            if (cost <= space)
            {
                chunks.Add(fragment);
                space -= cost;
                _queue.RemoveFirst();
                _bytes -= fragment.Length;
                continue;
            }

            if (chunks.Count == 0)
            {
                var piece = Soap.WSManResponseWriter.MaxPayloadFor(commandId, space);
                if (piece > 0)
                {
                    chunks.Add(fragment[..piece]);
                    node.Value = fragment[piece..];
                    _bytes -= piece;
                }
            }

            break;
        }

        var done = _done && _queue.Count == 0;
        if (done)
        {
            DoneDelivered = true;
        }

        Signal();
        return new ReceiveBatch(chunks, done);
    }

    private void Signal()
    {
        var previous = _changed;
        _changed = NewSignal();
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
