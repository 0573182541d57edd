namespace Psrp.Benchmarks.EndToEnd;

/// <summary>
/// A read-only pass-through over the server's stdout that, while <see cref="Recording"/>, keeps a
/// copy of every byte read: the exact input our client processed, for replaying stage by stage.
/// </summary>
public sealed class RecordingStream(Stream inner) : Stream
{
    private readonly MemoryStream _copy = new();
    private volatile bool _recording;
    private long _reads;

    /// <summary>Whether reads are being copied.</summary>
    public bool Recording
    {
        get => _recording;
        set => _recording = value;
    }

    /// <summary>How many reads returned data while recording: how finely the server's output arrives.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Everything recorded so far.</summary>
    public byte[] ToArray()
    {
        lock (_copy)
        {
            return _copy.ToArray();
        }
    }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Keep(buffer[..n]);
        return n;
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Keep(buffer.Span[..n]);
        return n;
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _copy.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Keep(ReadOnlySpan<byte> bytes)
    {
        if (_recording && !bytes.IsEmpty)
        {
            Interlocked.Increment(ref _reads);
            lock (_copy)
            {
                _copy.Write(bytes);
            }
        }
    }
}
