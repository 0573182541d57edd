using System.Diagnostics;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Psrp.Fragments;
using Psrp.Transport;

namespace Psrp.OutOfProc;

/// <summary>
/// The out-of-process framing (psrp-facts §6) over any pair of byte streams: a child process's
/// stdio, an SSH channel, a socket. It keeps PowerShell's rules — at most one un-acked Data per
/// channel, Command then CommandAck before a pipeline's first Data, host responses on the
/// PromptResponse stream, Signal to stop, Close/CloseAck, never a blank line — and turns every
/// failure (end of stream, error line, garbage, missing ack) into a <see cref="PsrpTransportException"/>
/// that reaches every waiter at once.
/// </summary>
public sealed class OutOfProcTransport : IPsrpTransport, IDirectReceiveTransport
{
    // A Data line carries at most one fragment size of bytes as base64, plus the element text.
    private const int LineSlack = 256;

    private readonly Stream _input;
    private readonly Stream _output;
    private readonly IAsyncDisposable? _owner;
    private readonly OutOfProcTransportOptions _options;
    private readonly Channel<TransportData> _received;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<Guid, ChannelState> _channels = new();
    private readonly CancellationTokenSource _dead = new();
    private readonly int _maxLineLength;
    private readonly OutOfProcWireTap _tap;
    private readonly TaskCompletionSource _readLoopEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private const int UndecidedMode = 0;
    private const int QueuedMode = 1;
    private const int DirectMode = 2;
    private int _receiveMode;
    private IDirectReceiver? _direct;
    private bool _asyncOnlyInput;
    private readonly ReadPacing _pacing = new();
    private Exception? _failure;
    private volatile bool _closing;
    private int _disposed;

    /// <summary>
    /// Starts the transport: reads packets from <paramref name="input"/> (the server's output) and
    /// writes packets to <paramref name="output"/> (the server's input); both may be one duplex stream.
    /// <paramref name="owner"/> (e.g. the process) is disposed after the streams on dispose.
    /// </summary>
    public OutOfProcTransport(Stream input, Stream output, OutOfProcTransportOptions? options = null, IAsyncDisposable? owner = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        _options = options ?? new OutOfProcTransportOptions();
        _options.Validate();
        _input = input;
        _output = output;
        _owner = owner;
        // The server fragments at its own size (PowerShell: always 32 KiB), whatever ours is.
        _maxLineLength = OutOfProcPacketCodec.GetDataLineLength(Math.Max(_options.MaxFragmentSize, Fragmenter.DefaultMaxFragmentSize)) + LineSlack;
        _tap = new OutOfProcWireTap(_options.Name, _options.WireRecorder);
        _received = System.Threading.Channels.Channel.CreateBounded<TransportData>(new BoundedChannelOptions(_options.ReceiveQueueCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        Capabilities = new TransportCapabilities { Name = _options.Name, MaxFragmentSize = _options.MaxFragmentSize };
        // A thread of its own: blocking reads cost no thread-pool hop per packet (see TryReceiveDirectly).
        new Thread(ReadLoop) { IsBackground = true, Name = $"PSRP reader ({_options.Name})" }.Start();
    }

    /// <inheritdoc />
    public TransportCapabilities Capabilities { get; }

    /// <inheritdoc />
    public ChannelReader<TransportData> Received => _received.Reader;

    /// <inheritdoc />
    public async ValueTask OpenRunspacePoolAsync(Guid runspacePoolId, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken)
    {
        await SendDataAsync(Guid.Empty, PsrpStreamKind.Default, fragments, TransportPhase.OpenRunspacePool, cancellationToken).ConfigureAwait(false);
        await WhenWrittenAsync(Guid.Empty, TransportPhase.OpenRunspacePool, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Default-stream data returns once it is queued for its channel (bounded: a full queue waits), not once
    /// written: what queues up while the channel's previous Data line is un-acked goes out packed in the
    /// next line (<see cref="PackedFragmentSender"/>). A failure to write reaches the session through
    /// <see cref="Received"/> and every later operation. PromptResponse data is written at once.
    /// </remarks>
    public ValueTask SendAsync(Guid pipelineId, PsrpStreamKind stream, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken) =>
        SendDataAsync(pipelineId, stream, fragments, TransportPhase.Send, cancellationToken);

    /// <inheritdoc />
    public async ValueTask CreatePipelineAsync(Guid pipelineId, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken)
    {
        if (pipelineId == Guid.Empty)
        {
            throw new ArgumentException("A pipeline id cannot be the empty GUID.", nameof(pipelineId));
        }

        var channel = Channel(pipelineId);
        var ack = channel.Expect(OutOfProcPacketKind.CommandAck);
        await WriteControlAsync(OutOfProcPacketKind.Command, pipelineId, TransportPhase.CreatePipeline, cancellationToken).ConfigureAwait(false);
        await WaitAckAsync(ack, "CommandAck", TransportPhase.CreatePipeline, cancellationToken).ConfigureAwait(false);
        await SendDataAsync(pipelineId, PsrpStreamKind.Default, fragments, TransportPhase.CreatePipeline, cancellationToken).ConfigureAwait(false);

        // Written before this returns, so a Signal sent next (a stop racing the start) follows CREATE_PIPELINE.
        await WhenWrittenAsync(pipelineId, TransportPhase.CreatePipeline, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask StopPipelineAsync(Guid pipelineId, CancellationToken cancellationToken)
    {
        if (pipelineId == Guid.Empty)
        {
            // The server treats a Signal on the session channel as a protocol violation.
            throw new ArgumentException("Only pipelines can be stopped.", nameof(pipelineId));
        }

        var ack = Channel(pipelineId).Expect(OutOfProcPacketKind.SignalAck);
        await WriteControlAsync(OutOfProcPacketKind.Signal, pipelineId, TransportPhase.StopPipeline, cancellationToken).ConfigureAwait(false);
        await WaitAckAsync(ack, "SignalAck", TransportPhase.StopPipeline, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask ClosePipelineAsync(Guid pipelineId, CancellationToken cancellationToken)
    {
        if (pipelineId == Guid.Empty)
        {
            throw new ArgumentException("Use CloseRunspacePoolAsync for the session channel.", nameof(pipelineId));
        }

        var channel = Channel(pipelineId);

        // PowerShell's server handles each line on a pool thread of its own. A Close overtaking the channel's
        // Command there (a start given up while its CommandAck was on the way) finds no channel yet; the Command
        // then opens one that nobody closes, and the server never acknowledges the pool's close.
        if (channel.Pending(OutOfProcPacketKind.CommandAck) is { } opened)
        {
            await WaitAckAsync(opened, "CommandAck", TransportPhase.ClosePipeline, cancellationToken).ConfigureAwait(false);
        }

        // Input still queued for a closed pipeline would wait for a DataAck that may never come.
        channel.Sender?.Fail(new PsrpTransportException(_options.Name, TransportPhase.ClosePipeline, "the pipeline's channel was closed."));
        var ack = channel.Expect(OutOfProcPacketKind.CloseAck);
        await WriteControlAsync(OutOfProcPacketKind.Close, pipelineId, TransportPhase.ClosePipeline, cancellationToken).ConfigureAwait(false);
        await WaitAckAsync(ack, "CloseAck", TransportPhase.ClosePipeline, cancellationToken).ConfigureAwait(false);
        _channels.TryRemove(pipelineId, out _);
    }

    /// <inheritdoc />
    public async ValueTask CloseRunspacePoolAsync(CancellationToken cancellationToken)
    {
        // What the session queued before closing goes out first.
        await WhenWrittenAsync(Guid.Empty, TransportPhase.CloseRunspacePool, cancellationToken).ConfigureAwait(false);
        var ack = Channel(Guid.Empty).Expect(OutOfProcPacketKind.CloseAck);
        _closing = true;
        await WriteControlAsync(OutOfProcPacketKind.Close, Guid.Empty, TransportPhase.CloseRunspacePool, cancellationToken).ConfigureAwait(false);
        await WaitAckAsync(ack, "CloseAck", TransportPhase.CloseRunspacePool, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _closing = true;
        Fail(new PsrpTransportException(_options.Name, TransportPhase.CloseRunspacePool, "the transport was disposed."));

        // Output first: a server that is alive sees its input end and exits by itself.
        try
        {
            await _output.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The other side may already be gone; disposal must not throw for that.
        }

        // Then the owner (a process: a grace period to exit, then killed). Its end is what ends the reader's
        // blocking read, and disposing a pipe stream waits for a read in progress on another thread: disposing
        // the input before the owner hung for as long as a frozen server stayed frozen.
        if (_owner is not null)
        {
            await _owner.DisposeAsync().ConfigureAwait(false);
        }

        // Input last, off this thread and bounded: without an owner nothing guarantees the pending read ends.
        var inputClosed = ReferenceEquals(_input, _output) ? Task.CompletedTask : Task.Run(DisposeInputAsync);
        await Task.WhenAny(Task.WhenAll(inputClosed, _readLoopEnded.Task), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        _dead.Dispose();
    }

    private async Task DisposeInputAsync()
    {
        try
        {
            await _input.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // As for the output.
        }
    }

    private ChannelState Channel(Guid id) => _channels.GetOrAdd(id, static _ => new ChannelState());

    /// <summary>How many channels have state here (tests check that a peer cannot make it grow).</summary>
    internal int ChannelCount => _channels.Count;

    private async ValueTask SendDataAsync(Guid channelId, PsrpStreamKind stream, ReadOnlyMemory<byte> fragments, TransportPhase phase, CancellationToken cancellationToken)
    {
        ThrowIfFailed(phase);
        var channel = Channel(channelId);
        if (stream == PsrpStreamKind.Default)
        {
            try
            {
                await channel.SenderFor(this, channelId).EnqueueAsync(fragments, cancellationToken).ConfigureAwait(false);
            }
            catch (PsrpTransportException ex) when (ex.Phase != phase)
            {
                throw PsrpTransportException.ForFailure(_options.Name, phase, ex);
            }

            return;
        }

        // Host responses skip the queue and the DataAck gate: the server may hold a pipeline's DataAck
        // until the pipeline wants more input, and that pipeline may be waiting for exactly this answer.
        var remaining = fragments;
        while (!remaining.IsEmpty)
        {
            var packetLength = FragmentPacking.Measure(remaining.Span, _options.MaxFragmentSize, _options.MaxFragmentsPerPacket ?? int.MaxValue);
            var packet = remaining[..packetLength];
            remaining = remaining[packetLength..];
            await WriteDataLineAsync(channelId, stream, packet, phase, cancellationToken).ConfigureAwait(false);
        }
    }

    private ValueTask WriteDataLineAsync(Guid channelId, PsrpStreamKind stream, ReadOnlyMemory<byte> packet, TransportPhase phase, CancellationToken cancellationToken) =>
        WriteAsync(
            OutOfProcPacketKind.Data,
            buffer => OutOfProcPacketCodec.WriteData(buffer, channelId, stream, packet.Span),
            phase,
            cancellationToken);

    /// <summary>Waits until the channel's queued Default-stream data is all written.</summary>
    private async ValueTask WhenWrittenAsync(Guid channelId, TransportPhase phase, CancellationToken cancellationToken)
    {
        if (!_channels.TryGetValue(channelId, out var channel) || channel.Sender is not { } sender)
        {
            return;
        }

        try
        {
            await sender.WhenWrittenAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PsrpTransportException ex) when (ex.Phase != phase)
        {
            throw PsrpTransportException.ForFailure(_options.Name, phase, ex);
        }
    }

    /// <summary>The sender that packs and paces one channel's Default-stream Data lines.</summary>
    private PackedFragmentSender CreateSender(Guid channelId, ChannelState channel) => new(
        _options.MaxFragmentSize,
        _options.MaxFragmentsPerPacket ?? int.MaxValue,
        cancellationToken => AcquireSendSlotAsync(channel, TransportPhase.Send, cancellationToken),
        (packet, cancellationToken) => WriteDataLineAsync(channelId, PsrpStreamKind.Default, packet, TransportPhase.Send, cancellationToken),
        error => error as PsrpTransportException
            ?? (_failure is not null ? Failure(TransportPhase.Send) : Fail(new PsrpTransportException(_options.Name, TransportPhase.Send, $"sending failed: {error.Message}", error))));

    private async ValueTask AcquireSendSlotAsync(ChannelState channel, TransportPhase phase, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _dead.Token);
        try
        {
            if (!await channel.SendSlot.WaitAsync(_options.DataAckTimeout, linked.Token).ConfigureAwait(false))
            {
                throw Fail(new PsrpTransportException(_options.Name, phase, $"the server sent no DataAck within {_options.DataAckTimeout.TotalSeconds:0} s."));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failure(phase);
        }
    }

    private async ValueTask WaitAckAsync(Task ack, string what, TransportPhase phase, CancellationToken cancellationToken)
    {
        try
        {
            await ack.WaitAsync(_options.AckTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw Fail(new PsrpTransportException(_options.Name, phase, $"the server sent no {what} within {_options.AckTimeout.TotalSeconds:0} s."));
        }
        catch (PsrpTransportException ex) when (ex.Phase != phase)
        {
            throw PsrpTransportException.ForFailure(_options.Name, phase, ex);
        }
    }

    private ValueTask WriteControlAsync(OutOfProcPacketKind kind, Guid id, TransportPhase phase, CancellationToken cancellationToken) =>
        WriteAsync(kind, buffer => OutOfProcPacketCodec.WriteControl(buffer, kind, id), phase, cancellationToken);

    private async ValueTask WriteAsync(OutOfProcPacketKind kind, Action<ArrayBufferWriter<byte>> format, TransportPhase phase, CancellationToken cancellationToken)
    {
        ThrowIfFailed(phase);
        var buffer = new ArrayBufferWriter<byte>(256);
        format(buffer);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfFailed(phase);
            _tap.Sent(kind, buffer.WrittenSpan);
            await _output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            throw Fail(new PsrpTransportException(_options.Name, phase, WithDiagnostics("the server's input is closed."), ex));
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void ThrowIfFailed(TransportPhase phase)
    {
        if (_failure is not null)
        {
            throw Failure(phase);
        }
    }

    private PsrpTransportException Failure(TransportPhase phase) =>
        PsrpTransportException.ForFailure(_options.Name, phase, _failure);

    /// <summary>Records the first failure and wakes every waiter with it.</summary>
    private Exception Fail(Exception error)
    {
        if (Interlocked.CompareExchange(ref _failure, error, null) is null)
        {
            _received.Writer.TryComplete(error);
            foreach (var channel in _channels.Values)
            {
                channel.FailAll(error);
            }

            try
            {
                _dead.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        return _failure!;
    }

    private string WithDiagnostics(string message)
    {
        string? extra = null;
        try
        {
            extra = _options.Diagnostics?.Invoke();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Diagnostics only add to an error; they must never replace it (nor end the reader thread).
        }

        return string.IsNullOrWhiteSpace(extra) ? message : $"{message} Server output: {extra.Trim()}";
    }

    /// <summary>
    /// The reader thread: blocking reads, then each line handled and its data delivered on this
    /// same thread, so a received packet wakes no thread-pool worker. It ends when the stream ends
    /// or fails, which disposing the stream (or its owner, e.g. ending the process) brings about.
    /// </summary>
    private void ReadLoop()
    {
        try
        {
            // One buffer holds the longest allowed line plus a read; a line that fills it is too long.
            var buffer = new byte[_maxLineLength + Math.Max(_options.ReceiveBufferSize, 4096)];
            var start = 0;
            var end = 0;
            while (true)
            {
                if (end == buffer.Length)
                {
                    if (start == 0)
                    {
                        throw new PsrpProtocolException(PsrpProtocolError.InvalidPacket, $"The server sent a line longer than {_maxLineLength} bytes.");
                    }

                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }

                var started = Stopwatch.GetTimestamp();
                var read = ReadBlocking(buffer, end, buffer.Length - end);
                _pacing.ReadReturned(Stopwatch.GetElapsedTime(started));
                if (read == 0)
                {
                    if (end > start)
                    {
                        HandleLine(buffer.AsSpan(start, end - start));
                    }

                    break;
                }

                // Only the new bytes can hold a line's end: earlier ones were searched already.
                var scan = end;
                end += read;
                while (true)
                {
                    var newline = buffer.AsSpan(scan, end - scan).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        break;
                    }

                    var lineEnd = scan + newline;
                    HandleLine(buffer.AsSpan(start, lineEnd - start));
                    start = scan = lineEnd + 1;
                }

                if (end - start > _maxLineLength)
                {
                    throw new PsrpProtocolException(PsrpProtocolError.InvalidPacket, $"The server sent a line longer than {_maxLineLength} bytes.");
                }

                Drained();
                if (start == end)
                {
                    start = end = 0;
                }

                if (_pacing.ShouldPause(end - start))
                {
                    // Lets the rest of a long line, or the next lines of a stream, arrive in one read.
                    // The server is not held up: the pipe holds 64 KiB or more.
                    Thread.Sleep(ReadPacing.Pause);
                }
            }

            if (_closing)
            {
                Fail(new PsrpTransportException(_options.Name, TransportPhase.CloseRunspacePool, "the connection is closed."));
                _received.Writer.TryComplete();
            }
            else
            {
                Fail(new PsrpTransportException(_options.Name, TransportPhase.Receive, WithDiagnostics("the server closed the connection.")));
            }
        }
        catch (PsrpProtocolException ex)
        {
            Fail(new PsrpTransportException(_options.Name, TransportPhase.Receive, ex.Message, ex));
        }
        catch (PsrpTransportException ex)
        {
            Fail(ex);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            Fail(new PsrpTransportException(_options.Name, TransportPhase.Receive, WithDiagnostics($"reading from the server failed: {ex.Message}"), ex));
        }
        catch (OperationCanceledException) when (_dead.IsCancellationRequested)
        {
            // The transport was failed or disposed while an asynchronous-only stream was being read.
        }
        catch (Exception ex)
        {
            // Nothing may escape a thread of our own (it would end the process); the waiters learn of it instead.
            Fail(new PsrpTransportException(_options.Name, TransportPhase.Receive, $"reading from the server failed: {ex.Message}", ex));
        }
        finally
        {
            _readLoopEnded.TrySetResult();
        }
    }

    /// <summary>Reads on the reader thread, waiting for the data.</summary>
    private int ReadBlocking(byte[] buffer, int offset, int count)
    {
        if (!_asyncOnlyInput)
        {
            try
            {
                return _input.Read(buffer, offset, count);
            }
            catch (NotSupportedException)
            {
                // A stream that reads only asynchronously (a plugin's, or SSH.NET's channel):
                // this thread waits for its reads instead, which costs the hop blocking reads save.
                _asyncOnlyInput = true;
            }
        }

        return _input.ReadAsync(buffer.AsMemory(offset, count), _dead.Token).AsTask().GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public bool TryReceiveDirectly(IDirectReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        if (Interlocked.CompareExchange(ref _direct, receiver, null) is not null)
        {
            return false;
        }

        if (Interlocked.CompareExchange(ref _receiveMode, DirectMode, UndecidedMode) == UndecidedMode)
        {
            return true;
        }

        return false;
    }

    /// <summary>Tells a direct receiver that everything read so far was handed over.</summary>
    private void Drained()
    {
        if (Volatile.Read(ref _receiveMode) == DirectMode && _failure is null)
        {
            _direct!.Drained();
        }
    }

    /// <summary>The reader thread waits for the session's step: the backpressure of the direct mode.</summary>
    private static void WaitFor(ValueTask step)
    {
        if (step.IsCompleted)
        {
            step.GetAwaiter().GetResult();
        }
        else
        {
            step.AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Hands one packet's data to the session: straight to its receiver, or through the queue.</summary>
    private void Deliver(TransportData data)
    {
        if (_failure is not null)
        {
            data.Release();
            return;
        }

        var mode = Volatile.Read(ref _receiveMode);
        if (mode == UndecidedMode)
        {
            // The first data decides: from here on a late TryReceiveDirectly cannot reorder packets.
            var previous = Interlocked.CompareExchange(ref _receiveMode, QueuedMode, UndecidedMode);
            mode = previous == UndecidedMode ? QueuedMode : previous;
        }

        if (mode == DirectMode)
        {
            WaitFor(_direct!.ReceiveAsync(data));
            return;
        }

        if (_received.Writer.TryWrite(data))
        {
            return;
        }

        try
        {
            // Waiting here is the backpressure: while the session lags, the server blocks on its output.
            _received.Writer.WriteAsync(data, _dead.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            data.Release();
        }
    }

    /// <summary>Handles one line (a packet); its data, if any, is delivered before this returns.</summary>
    private void HandleLine(ReadOnlySpan<byte> line)
    {
        if (line.TrimEnd("\r \t"u8).IsEmpty)
        {
            return;
        }

        if (OutOfProcPacketCodec.TryParseErrorLine(line, out var message))
        {
            _tap.ReceivedOther(line);
            throw new PsrpTransportException(_options.Name, TransportPhase.Receive, $"the server reported an error: {message}");
        }

        var packet = OutOfProcPacketCodec.Parse(line);
        _tap.Received(packet.Kind, line);
        switch (packet.Kind)
        {
            case OutOfProcPacketKind.Data:
                _pacing.DataLine(packet.PsGuid);
                // Rented: the receiver copies the fragments into its assembler and gives the array back.
                var bytes = ArrayPool<byte>.Shared.Rent(Base64.GetMaxDecodedFromUtf8Length(packet.Base64Payload.Length));
                if (Base64.DecodeFromUtf8(packet.Base64Payload, bytes, out _, out var written) != OperationStatus.Done)
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                    throw new PsrpProtocolException(PsrpProtocolError.InvalidPacket, "A Data packet's payload is not valid base64.");
                }

                Deliver(TransportData.FromRented(packet.PsGuid, packet.Stream, bytes, written));
                return;
            // An ack looks its channel up and never creates it: every channel this client uses has
            // its state before its first packet goes out, and state made for the GUIDs a server
            // names would grow without limit (2 million acks for fresh GUIDs held 866 MB).
            case OutOfProcPacketKind.DataAck:
                if (_channels.TryGetValue(packet.PsGuid, out var sending))
                {
                    sending.ReleaseSendSlot();
                }

                return;
            case OutOfProcPacketKind.CommandAck or OutOfProcPacketKind.SignalAck or OutOfProcPacketKind.CloseAck:
                // An ack nobody waits for (a duplicate Signal's, one that arrived after its wait timed
                // out, one for a channel already closed or never opened) carries no information; it
                // is not worth failing the connection over.
                if (_channels.TryGetValue(packet.PsGuid, out var waiting))
                {
                    waiting.Complete(packet.Kind);
                }

                return;
            default:
                throw new PsrpProtocolException(PsrpProtocolError.UnexpectedMessage, $"A server does not send {packet.Kind} packets.");
        }
    }

    /// <summary>Per-channel flow control and the acks the channel waits for.</summary>
    private sealed class ChannelState
    {
        private readonly object _gate = new();
        private readonly Dictionary<OutOfProcPacketKind, TaskCompletionSource> _pending = [];
        private Exception? _failure;

        public SemaphoreSlim SendSlot { get; } = new(1, 1);

        /// <summary>The channel's Default-stream sender, created on its first data.</summary>
        public PackedFragmentSender? Sender { get; private set; }

        public PackedFragmentSender SenderFor(OutOfProcTransport transport, Guid channelId)
        {
            lock (_gate)
            {
                if (Sender is null)
                {
                    Sender = transport.CreateSender(channelId, this);
                    if (_failure is not null)
                    {
                        Sender.Fail(_failure);
                    }
                }

                return Sender;
            }
        }

        public void ReleaseSendSlot()
        {
            lock (_gate)
            {
                // An ack with nothing in flight (e.g. for a host response, which is not gated) is harmless.
                if (SendSlot.CurrentCount == 0)
                {
                    SendSlot.Release();
                }
            }
        }

        /// <summary>The wait for <paramref name="ack"/> when one is expected and has not arrived.</summary>
        public Task? Pending(OutOfProcPacketKind ack)
        {
            lock (_gate)
            {
                return _pending.TryGetValue(ack, out var tcs) && !tcs.Task.IsCompleted ? tcs.Task : null;
            }
        }

        public Task Expect(OutOfProcPacketKind ack)
        {
            lock (_gate)
            {
                if (!_pending.TryGetValue(ack, out var tcs) || tcs.Task.IsCompleted)
                {
                    // Only the pipeline's start waits for a CommandAck, and all it does next is send the
                    // CREATE_PIPELINE data: running that on the reader saves a thread hop per round trip.
                    // Other acks are awaited by callers' code, which must not run on the reader.
                    tcs = new TaskCompletionSource(ack == OutOfProcPacketKind.CommandAck ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
                    _pending[ack] = tcs;
                }

                return tcs.Task;
            }
        }

        public bool Complete(OutOfProcPacketKind ack)
        {
            TaskCompletionSource? tcs;
            lock (_gate)
            {
                _pending.Remove(ack, out tcs);
            }

            // Outside the lock: a CommandAck's waiter continues right here.
            return tcs is not null && tcs.TrySetResult();
        }

        public void FailAll(Exception error)
        {
            PackedFragmentSender? sender;
            lock (_gate)
            {
                _failure ??= error;
                foreach (var tcs in _pending.Values)
                {
                    tcs.TrySetException(error);
                }

                _pending.Clear();
                sender = Sender;
            }

            sender?.Fail(error);
        }
    }
}
