using System.Buffers;

namespace Psrp.Transport;

/// <summary>
/// Sends one channel's Default-stream data one packet at a time, packing what queues up meanwhile: while
/// a packet is out (an out-of-proc Data line waiting for its DataAck, a WSMan Send waiting for its
/// response), new data waits in a bounded queue, and the next packet takes as much of it as fits, whole
/// fragments up to one fragment size (<see cref="FragmentPacking"/>), whatever number of messages that spans.
/// This is what PowerShell's clients do: their send queue (PrioritySendDataCollection) is read, one
/// fragment size at a time, only when the previous packet is done (DataAck out-of-proc, the Send
/// completion callback over WSMan). Callers wait only for room in the queue, not for the round trip, so a
/// stream of small messages (pipeline input) fills packets instead of paying one round trip per message;
/// order is kept because one pump writes the queue in order.
/// </summary>
/// <remarks>
/// Sans-I/O apart from its two callbacks: <c>waitForAck</c> returns once the channel may have its next
/// packet out (the out-of-proc transport's per-channel ack slot; it throws on timeout or a dead transport)
/// and <c>writeLine</c> writes one packet and returns when it is done. The first error ends the sender:
/// every waiter, present and future, gets it.
/// </remarks>
public sealed class PackedFragmentSender
{
    private readonly object _gate = new();
    private readonly int _maxLineBytes;
    private readonly int _maxFragmentsPerLine;
    private readonly long _capacity;
    private readonly Func<CancellationToken, ValueTask> _waitForAck;
    private readonly Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> _writeLine;
    private readonly Func<Exception, Exception> _describeFailure;
    private readonly CancellationTokenSource _stop;
    private readonly List<(long Mark, TaskCompletionSource Done)> _writtenWaiters = [];

    // The queued bytes are _queue[_head.._tail): whole fragments, in the order they were queued.
    private byte[] _queue = [];
    private int _head;
    private int _tail;
    private long _queuedTotal;
    private long _writtenTotal;
    private bool _pumping;
    private TaskCompletionSource? _roomFreed;
    private Exception? _failure;

    /// <summary>Creates the sender of one channel; nothing is sent until data is queued.</summary>
    /// <param name="maxLineBytes">Most fragment bytes in one packet (the fragment size).</param>
    /// <param name="maxFragmentsPerLine">Most fragments in one packet.</param>
    /// <param name="waitForAck">Returns once the channel may have its next packet out (out-of-proc: the previous Data line was acked); transports whose write completes with the round trip return at once.</param>
    /// <param name="writeLine">Writes one packet carrying the given fragments; returns once it is done (the pump reuses the buffer).</param>
    /// <param name="describeFailure">Turns an error of either callback into the exception every waiter gets.</param>
    public PackedFragmentSender(
        int maxLineBytes,
        int maxFragmentsPerLine,
        Func<CancellationToken, ValueTask> waitForAck,
        Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> writeLine,
        Func<Exception, Exception> describeFailure)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFragmentsPerLine, 1);
        _maxLineBytes = maxLineBytes;
        _maxFragmentsPerLine = maxFragmentsPerLine;
        _capacity = CapacityFor(maxLineBytes);
        _waitForAck = waitForAck;
        _writeLine = writeLine;
        _describeFailure = describeFailure;
        // Not linked to the transport's token: the transport fails every sender when it dies, and a link
        // per channel would stay registered on the transport for as long as it lives.
        _stop = new CancellationTokenSource();
    }

    /// <summary>
    /// Bytes that may wait in the queue before a sender waits for room: two lines' worth (the next line
    /// fills while one is out), and never less than 256 KiB, so a producer of small messages keeps ahead
    /// of the acks. A single fragment larger than this is still accepted into an empty queue.
    /// </summary>
    public static long CapacityFor(int maxLineBytes) => Math.Max(2L * maxLineBytes, 256 << 10);

    /// <summary>Bytes queued and not yet handed to a line.</summary>
    public int QueuedBytes
    {
        get
        {
            lock (_gate)
            {
                return _tail - _head;
            }
        }
    }

    /// <summary>
    /// Queues whole fragments for the channel. Returns once all of them are queued (not written: see
    /// <see cref="WhenWrittenAsync"/>); waits while the queue is full. Cancelling a wait leaves the
    /// fragments queued so far in the queue, as a cancelled write would have left them on the wire.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="fragments"/> is not whole fragments.</exception>
    public async ValueTask EnqueueAsync(ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken)
    {
        FragmentPacking.Validate(fragments.Span);
        var rest = fragments;
        while (!rest.IsEmpty)
        {
            Task? room = null;
            var startPump = false;
            lock (_gate)
            {
                if (_failure is not null)
                {
                    throw _failure;
                }

                var queued = _tail - _head;
                var admit = FragmentPacking.Measure(rest.Span, _capacity - queued, int.MaxValue, atLeastOne: queued == 0);
                if (admit > 0)
                {
                    Append(rest.Span[..admit]);
                    rest = rest[admit..];
                    _queuedTotal += admit;
                    startPump = !_pumping;
                    _pumping = true;
                }

                if (!rest.IsEmpty)
                {
                    _roomFreed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    room = _roomFreed.Task;
                }
            }

            if (startPump)
            {
                // Started on the caller's thread: it runs until its first real wait, so a message
                // that finds the channel free (a pipeline's start, a pool request) is written at once,
                // with no thread hop before it nor back to whoever waits for it to be written.
                // The pump handles its own errors; its task never faults.
                _ = PumpAsync();
            }

            if (room is not null)
            {
                await room.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Completes once everything queued so far has been written; faults with the sender's failure.</summary>
    public Task WhenWrittenAsync()
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                return Task.FromException(_failure);
            }

            if (_writtenTotal >= _queuedTotal)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _writtenWaiters.Add((_queuedTotal, done));
            return done.Task;
        }
    }

    /// <summary>
    /// Ends the sender with <paramref name="error"/>: drops what is queued, stops the pump, and every
    /// waiter (and every later call) gets the error. The first error wins.
    /// </summary>
    public void Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        TaskCompletionSource? room;
        List<(long Mark, TaskCompletionSource Done)> waiters;
        lock (_gate)
        {
            if (_failure is not null)
            {
                return;
            }

            _failure = error;
            _queue = [];
            _head = _tail = 0;
            room = _roomFreed;
            _roomFreed = null;
            waiters = [.. _writtenWaiters];
            _writtenWaiters.Clear();
        }

        room?.TrySetException(error);
        foreach (var (_, done) in waiters)
        {
            done.TrySetException(error);
        }

        _stop.Cancel();
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_queue.Length - _tail < bytes.Length)
        {
            var queued = _tail - _head;
            var target = _queue.Length - queued >= bytes.Length
                ? _queue
                : new byte[(int)Math.Min(Array.MaxLength, Math.Max(queued + (long)bytes.Length, 2L * _queue.Length))];
            _queue.AsSpan(_head, queued).CopyTo(target);
            _queue = target;
            _head = 0;
            _tail = queued;
        }

        bytes.CopyTo(_queue.AsSpan(_tail));
        _tail += bytes.Length;
    }

    private async Task PumpAsync()
    {
        byte[]? line = null;
        try
        {
            while (true)
            {
                lock (_gate)
                {
                    if (_failure is not null || _tail == _head)
                    {
                        _pumping = false;
                        return;
                    }
                }

                // What arrives while we wait for the ack goes into this same line: that is the packing.
                await _waitForAck(_stop.Token).ConfigureAwait(false);
                int length;
                TaskCompletionSource? room;
                lock (_gate)
                {
                    if (_failure is not null)
                    {
                        _pumping = false;
                        return;
                    }

                    length = FragmentPacking.Measure(_queue.AsSpan(_head, _tail - _head), _maxLineBytes, _maxFragmentsPerLine);
                    if (line is null || line.Length < length)
                    {
                        if (line is not null)
                        {
                            ArrayPool<byte>.Shared.Return(line);
                        }

                        line = ArrayPool<byte>.Shared.Rent(length);
                    }

                    _queue.AsSpan(_head, length).CopyTo(line);
                    _head += length;
                    if (_head == _tail)
                    {
                        _head = _tail = 0;
                    }

                    room = _roomFreed;
                    _roomFreed = null;
                }

                room?.TrySetResult();
                await _writeLine(line.AsMemory(0, length), _stop.Token).ConfigureAwait(false);
                CompleteWritten(length);
            }
        }
        catch (Exception ex)
        {
            bool ended;
            lock (_gate)
            {
                _pumping = false;
                ended = _failure is not null;
            }

            // Once the sender has ended (its channel closed, or the transport died) the pump's error is
            // only the echo of that; otherwise it is news, and the callback decides what it means.
            if (!ended)
            {
                Fail(_describeFailure(ex));
            }
        }
        finally
        {
            if (line is not null)
            {
                ArrayPool<byte>.Shared.Return(line);
            }
        }
    }

    private void CompleteWritten(int length)
    {
        List<TaskCompletionSource>? done = null;
        lock (_gate)
        {
            _writtenTotal += length;
            for (var i = _writtenWaiters.Count - 1; i >= 0; i--)
            {
                if (_writtenWaiters[i].Mark <= _writtenTotal)
                {
                    (done ??= []).Add(_writtenWaiters[i].Done);
                    _writtenWaiters.RemoveAt(i);
                }
            }
        }

        if (done is not null)
        {
            foreach (var waiter in done)
            {
                waiter.TrySetResult();
            }
        }
    }
}
