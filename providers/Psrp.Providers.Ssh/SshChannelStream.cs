using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Text;

namespace Psrp.Providers.Ssh;

/// <summary>
/// A duplex <see cref="Stream"/> over one SSH session channel: reads return the remote process's
/// stdout, writes go to its stdin, and disposing sends EOF and closes the channel. Its stderr
/// and exit status are kept for error messages (<see cref="Describe"/>).
/// </summary>
/// <remarks>
/// SSH.NET re-opens the channel window as soon as data arrives, so the only backpressure left is
/// to stop its message loop: received data is buffered in a pipe, and when a slow reader lets more
/// than <see cref="PauseThreshold"/> pile up, the delivering thread waits. That bounds memory at
/// the price of pausing the whole connection (every channel on it) until this reader catches up.
/// </remarks>
internal sealed class SshChannelStream : Stream, ISshChannelListener
{
    /// <summary>Buffered received bytes at which delivery waits for the reader.</summary>
    internal const int PauseThreshold = 8 << 20;

    private const int StderrCapacity = 4096;

    private readonly Pipe _pipe = new(new PipeOptions(
        pauseWriterThreshold: PauseThreshold,
        resumeWriterThreshold: PauseThreshold / 2,
        useSynchronizationContext: false));

    private readonly StringBuilder _stderr = new();
    private readonly object _gate = new();
    private readonly object _writerGate = new();
    private SshNetChannel? _channel;
    private long? _exitStatus;
    private string? _exitSignal;
    private volatile int _ended;
    private int _disposed;

    /// <summary>Attaches the channel this stream reads and writes; called once, before the channel opens.</summary>
    public void Attach(SshNetChannel channel) => _channel = channel;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>What the remote side said on stderr and how it exited, for error messages; never holds our secrets.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            var exit = _exitSignal is not null ? $"(remote process killed by signal {_exitSignal}) "
                : _exitStatus is { } status ? $"(remote process exited with status {status}) "
                : string.Empty;
            return exit + _stderr.ToString().Trim();
        }
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        try
        {
            var result = await _pipe.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var available = result.Buffer;
            if (available.IsEmpty && result.IsCompleted)
            {
                _pipe.Reader.AdvanceTo(available.End);
                return 0;
            }

            var count = (int)Math.Min(available.Length, buffer.Length);
            available.Slice(0, count).CopyTo(buffer.Span);
            _pipe.Reader.AdvanceTo(available.GetPosition(count));
            return count;
        }
        catch (InvalidOperationException) when (_disposed != 0)
        {
            // The reader was completed by DisposeAsync while this read was under way.
            throw new ObjectDisposedException(nameof(SshChannelStream));
        }
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Read asynchronously: the SSH channel stream has no blocking reads.");

    /// <inheritdoc />
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var channel = _channel ?? throw new InvalidOperationException("The channel is not attached.");
        if (_disposed != 0 || !channel.IsOpen)
        {
            // SSH.NET drops data sent on a closed channel without a word; say so instead.
            throw new IOException("The SSH channel is closed." + Suffix(Describe()));
        }

        if (!MemoryMarshal.TryGetArray(buffer, out var segment))
        {
            segment = buffer.ToArray();
        }

        // Blocks only while the server's window is full; the out-of-proc transport writes one
        // short line at a time under its own lock, so this does not starve the thread pool.
        try
        {
            channel.Send(segment.Array!, segment.Offset, segment.Count);
        }
        catch (Exception ex) when (ex is Renci.SshNet.Common.SshException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            // The transport above understands I/O failures; SSH.NET's own types would escape it.
            throw new IOException($"sending on the SSH channel failed: {ex.Message}" + Suffix(Describe()), ex);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Ends the read side with an error (the connection broke); pending and later reads throw it.</summary>
    public void Fail(Exception error) => EndReads(error);

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        EndReads(new ObjectDisposedException(nameof(SshChannelStream)));
        try
        {
            await _pipe.Reader.CompleteAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // A read is still completing on another thread; the pipe is garbage either way.
        }

        if (_channel is { } channel)
        {
            // Closing waits (briefly) for the server's CLOSE; keep that off the caller's thread.
            await Task.Run(() =>
            {
                try
                {
                    if (channel.IsOpen)
                    {
                        channel.SendEof();
                    }
                }
                catch (Exception ex) when (ex is Renci.SshNet.Common.SshException or InvalidOperationException or ObjectDisposedException or IOException)
                {
                    // The connection may already be gone; closing must not fail for that.
                }

                try
                {
                    channel.Dispose();
                }
                catch (Exception ex) when (ex is Renci.SshNet.Common.SshException or InvalidOperationException or ObjectDisposedException or IOException)
                {
                }
            }).ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _disposed == 0)
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    void ISshChannelListener.OnData(ArraySegment<byte> data)
    {
        ValueTask<FlushResult> flush;
        lock (_writerGate)
        {
            if (_ended != 0 || data.Count == 0)
            {
                return;
            }

            _pipe.Writer.Write(data);
            flush = _pipe.Writer.FlushAsync();
        }

        if (!flush.IsCompleted)
        {
            // Backpressure (see the remarks): wait until the reader drains, or until the stream
            // ends, which cancels this flush.
            _ = flush.AsTask().GetAwaiter().GetResult();
        }
    }

    void ISshChannelListener.OnExtendedData(ArraySegment<byte> data)
    {
        lock (_gate)
        {
            _stderr.Append(Encoding.UTF8.GetString(data));
            if (_stderr.Length > StderrCapacity)
            {
                _stderr.Remove(0, _stderr.Length - StderrCapacity);
            }
        }
    }

    void ISshChannelListener.OnExitStatus(long status)
    {
        lock (_gate)
        {
            _exitStatus = status;
        }
    }

    void ISshChannelListener.OnExitSignal(string signal)
    {
        lock (_gate)
        {
            _exitSignal = signal;
        }
    }

    void ISshChannelListener.OnClosed() => EndReads(null);

    void ISshChannelListener.OnException(Exception error) =>
        Fail(new IOException($"the SSH channel failed: {error.Message}", error));

    /// <summary>Ends the data the reader will see: end of stream, or <paramref name="error"/>. The first call wins.</summary>
    private void EndReads(Exception? error)
    {
        lock (_writerGate)
        {
            if (_ended != 0)
            {
                return;
            }

            _ended = 1;

            // Releases a delivery blocked on a full buffer, then ends the data.
            _pipe.Writer.CancelPendingFlush();
            _pipe.Writer.Complete(error);
        }
    }

    private static string Suffix(string text) => text.Length == 0 ? string.Empty : " " + text;
}
