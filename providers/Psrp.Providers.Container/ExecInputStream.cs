using System.Buffers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Docker.DotNet;

namespace Psrp.Providers.Container;

/// <summary>
/// The exec's stdin as a write-only stream for the out-of-proc transport. Disposing it half-closes
/// the hijacked connection, which the engine passes on as end-of-file on the server's stdin: the
/// PowerShell server then ends by itself.
/// </summary>
internal sealed class ExecInputStream : Stream
{
    private readonly MultiplexedStream _exec;
    private int _closed;

    public ExecInputStream(MultiplexedStream exec) => _exec = exec;

    /// <summary>Whether the client closed the server's stdin (so the server's end is expected, not a failure).</summary>
    public bool Closed => Volatile.Read(ref _closed) != 0;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => Volatile.Read(ref _closed) == 0;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
        byte[]? rented = null;
        if (!MemoryMarshal.TryGetArray(buffer, out var segment) || segment.Array is null)
        {
            rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
            buffer.CopyTo(rented);
            segment = new ArraySegment<byte>(rented, 0, buffer.Length);
        }

        try
        {
            await _exec.WriteAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            // The transport maps IOException to "the server's input is closed"; keep that contract.
            throw new IOException($"writing to the exec's stdin failed: {ex.Message}", ex);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Only the asynchronous path is used; a blocking write would be sync-over-async.
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Use WriteAsync.");

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _closed, 1) == 0)
        {
            try
            {
                _exec.CloseWrite();
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // The connection is already gone; the server has nothing left to read either way.
            }
        }

        base.Dispose(disposing);
    }
}
