using System.Diagnostics;
using Psrp.WSMan.Endpoint.Soap;

namespace Psrp.WSMan.Endpoint.Shells;

/// <summary>
/// Output of one channel (the shell, or one command) waiting for a Receive. WinRM sends output only
/// in answer to a pending Receive (BufferMode Block), so the queue is bounded in bytes: when it is
/// full the pump waits, and the PowerShell server behind it waits on its own output, as with WinRM.
/// </summary>
/// <remarks>
/// When a Receive is answered follows the PowerShell plugin's flush rules: runspace pool messages are
/// sent with flush, pipeline output without ("let the transport collect as much as possible"), a host
/// call is reported as Pending, and the end of a pipeline is reported Done. So a Receive is answered
/// at once when flushed data, a host call or Done is queued, or when the queued output fills the
/// client's envelope; other output waits up to <see cref="Linger"/> for more to join it, and is
/// sent when the Receive's OperationTimeout expires rather than faulting.
/// </remarks>
public sealed class ChannelOutbox
{
    private readonly object _gate = new();
    private readonly LinkedList<Entry> _queue = new();
    private readonly long _capacity;
    private readonly string? _commandId;
    private long _bytes;
    private long _cost;
    private int _flushes;
    private long _firstQueuedAt;
    private bool _done;
    private Exception? _failure;
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>Creates an outbox holding at most about <paramref name="capacityBytes"/> bytes.</summary>
    /// <param name="capacityBytes">Byte bound of the queue.</param>
    /// <param name="commandId">The command's id (its rsp:Stream elements carry it), or null for the shell.</param>
    /// <param name="linger">How long unflushed output waits for more before a Receive is answered.</param>
    public ChannelOutbox(long capacityBytes, string? commandId, TimeSpan linger)
    {
        _capacity = capacityBytes;
        _commandId = commandId;
        Linger = linger;
    }

    /// <summary>How long unflushed output waits for more output before a Receive is answered.</summary>
    public TimeSpan Linger { get; }

    /// <summary>Queues one fragment; waits while the outbox is full.</summary>
    /// <param name="fragment">The fragment bytes.</param>
    /// <param name="flush">Answer a waiting Receive now (pool data, a host call).</param>
    /// <param name="terminal">The last output of a command: Done follows it.</param>
    /// <param name="cancellationToken">Stops waiting for room.</param>
    public async ValueTask EnqueueAsync(ReadOnlyMemory<byte> fragment, bool flush, bool terminal, CancellationToken cancellationToken)
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
                    if (_queue.Count == 0)
                    {
                        _firstQueuedAt = Stopwatch.GetTimestamp();
                    }

                    _queue.AddLast(new Entry(fragment, flush));
                    _bytes += fragment.Length;
                    _cost += WSManResponseWriter.StreamElementSize(_commandId, fragment.Length);
                    _flushes += flush ? 1 : 0;
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
            _cost = 0;
            _flushes = 0;
            Signal();
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for output to send (see the remarks), then takes as
    /// much as fits: whole fragments while their <c>rsp:Stream</c> elements fit in
    /// <paramref name="space"/> bytes, and, when not even the first fits, a piece of it (WinRM's
    /// stream is bytes; clients reassemble). Returns null when the timeout passes with nothing queued.
    /// </summary>
    public async Task<ReceiveBatch?> TakeAsync(int space, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            Task wait;
            TimeSpan delay;
            lock (_gate)
            {
                if (_failure is not null)
                {
                    // Each waiter gets its own exception: one instance thrown on many threads would share a stack trace.
                    throw _failure is WSManFaultException fault
                        ? new WSManFaultException(fault.Code, fault.Subcode, fault.WSManCode, fault.Message, fault.FaultDetail)
                        : WSManFaults.PluginFailure(_failure.Message);
                }

                var now = Stopwatch.GetTimestamp();
                var lingerEnds = _firstQueuedAt + (long)(Linger.TotalSeconds * Stopwatch.Frequency);
                if (_done || _flushes > 0 || (_queue.Count > 0 && (_cost >= space || now >= lingerEnds || now >= deadline)))
                {
                    return Take(space);
                }

                if (now >= deadline)
                {
                    return null;
                }

                wait = _changed.Task;
                var until = _queue.Count > 0 ? Math.Min(lingerEnds, deadline) : deadline;
                delay = TimeSpan.FromSeconds((double)(until - now) / Stopwatch.Frequency);
            }

            await Task.WhenAny(wait, Task.Delay(delay, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private ReceiveBatch Take(int space)
    {
        var chunks = new List<ReadOnlyMemory<byte>>();
        while (_queue.First is { } node)
        {
            var entry = node.Value;
            var cost = WSManResponseWriter.StreamElementSize(_commandId, entry.Bytes.Length);
            if (cost <= space)
            {
                chunks.Add(entry.Bytes);
                space -= cost;
                _queue.RemoveFirst();
                _bytes -= entry.Bytes.Length;
                _cost -= cost;
                _flushes -= entry.Flush ? 1 : 0;
                continue;
            }

            if (chunks.Count == 0)
            {
                var piece = WSManResponseWriter.MaxPayloadFor(_commandId, space);
                if (piece > 0)
                {
                    chunks.Add(entry.Bytes[..piece]);
                    node.Value = entry with { Bytes = entry.Bytes[piece..] };
                    _bytes -= piece;
                    _cost -= cost - WSManResponseWriter.StreamElementSize(_commandId, entry.Bytes.Length - piece);
                }
            }

            break;
        }

        // Output left behind starts a new linger period.
        _firstQueuedAt = Stopwatch.GetTimestamp();
        var done = _done && _queue.Count == 0;
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

    private readonly record struct Entry(ReadOnlyMemory<byte> Bytes, bool Flush);
}
