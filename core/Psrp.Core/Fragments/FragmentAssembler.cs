using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Psrp.Fragments;

/// <summary>
/// Turns a byte stream of fragments back into whole objects (PSRP messages), one object at a
/// time, validating the stream as it goes (MS-PSRP 2.2.4).
/// </summary>
/// <remarks>
/// <para>
/// Input may be cut anywhere: one <see cref="Feed(ReadOnlySpan{byte})"/> can carry several
/// fragments, and a fragment (even its header) can be split across calls, as PowerShell's own
/// receiver tolerates. Completed objects are queued and taken with <see cref="TryRead"/>.
/// Keep one assembler per (channel, stream), as PowerShell does: the promise that objects do
/// not interleave holds only within one stream.
/// </para>
/// <para>
/// Memory is bounded by <see cref="MaxObjectSize"/>: a fragment whose announced length would
/// take the object past the limit is rejected before any byte of it is buffered, and the
/// reassembly buffer grows with the bytes that actually arrive (doubling, from the shared
/// <see cref="ArrayPool{T}"/>), never with a length the peer merely claims.
/// </para>
/// <para>
/// Any violation throws <see cref="PsrpProtocolException"/>; the stream cannot be resynchronised
/// after that, so the assembler refuses further input. Not thread-safe.
/// </para>
/// </remarks>
public sealed class FragmentAssembler : IDisposable
{
    /// <summary>PowerShell's client limit for one reassembled object: 10 MiB (<c>MaximumReceivedObjectSize</c>).</summary>
    public const int DefaultMaxObjectSize = 10 << 20;

    // Small enough not to waste memory on the many tiny messages, large enough that a message
    // fed one byte at a time does not regrow on every call.
    private const int MinimumBufferSize = 4096;

    private readonly Queue<AssembledObject> _completed = new();
    private readonly byte[] _headerBytes = new byte[FragmentHeader.Size];
    private int _headerFill;

    // The fragment whose blob is being received; valid while _inFragment.
    private bool _inFragment;
    private FragmentHeader _fragment;
    private int _blobRemaining;

    // The object being reassembled; valid while _objectOpen.
    private bool _objectOpen;
    private ulong _objectId;
    private ulong _lastFragmentId;
    private byte[]? _buffer;
    private int _length;

    private bool _faulted;
    private bool _ended;
    private bool _disposed;

    // Bytes of the open object reserved from the connection's budget (0 without one).
    private readonly ReceiveBudget? _budget;
    private long _reserved;

    /// <summary>Creates an assembler.</summary>
    /// <param name="maxObjectSize">Largest object accepted, in bytes.</param>
    /// <param name="budget">The connection's budget for unfinished objects across its channels, or null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxObjectSize"/> is not
    /// positive or is above <see cref="Array.MaxLength"/>.</exception>
    public FragmentAssembler(int maxObjectSize = DefaultMaxObjectSize, ReceiveBudget? budget = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxObjectSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxObjectSize, Array.MaxLength);
        MaxObjectSize = maxObjectSize;
        _budget = budget;
    }

    /// <summary>Largest object accepted, in bytes.</summary>
    public int MaxObjectSize { get; }

    /// <summary>Number of completed objects waiting to be taken with <see cref="TryRead"/>.</summary>
    public int Count => _completed.Count;

    /// <summary>
    /// Whether the input so far stops short of an object boundary: part of a fragment header,
    /// part of a blob, or an object without its End fragment yet.
    /// </summary>
    public bool HasPartialObject => _headerFill > 0 || _inFragment || _objectOpen;

    /// <summary>How many fragment headers have been read so far (for metrics).</summary>
    public long FragmentCount { get; private set; }

    /// <summary>Adds received bytes.</summary>
    /// <param name="data">The next bytes of the fragment stream, cut anywhere.</param>
    /// <exception cref="PsrpProtocolException">The stream breaks the fragment rules; see
    /// <see cref="PsrpProtocolException.Code"/>. Objects completed before the violation can still be read.</exception>
    /// <exception cref="InvalidOperationException">The assembler has failed before or <see cref="Complete"/> was called.</exception>
    /// <exception cref="ObjectDisposedException">The assembler has been disposed.</exception>
    public void Feed(ReadOnlySpan<byte> data)
    {
        ThrowIfNotAccepting();
        try
        {
            FeedCore(data);
        }
        catch (PsrpProtocolException)
        {
            Fault();
            throw;
        }
    }

    /// <summary>Adds received bytes held in a possibly multi-segment sequence.</summary>
    /// <param name="data">The next bytes of the fragment stream, cut anywhere.</param>
    /// <exception cref="PsrpProtocolException">The stream breaks the fragment rules.</exception>
    /// <exception cref="InvalidOperationException">The assembler has failed before or <see cref="Complete"/> was called.</exception>
    /// <exception cref="ObjectDisposedException">The assembler has been disposed.</exception>
    public void Feed(in ReadOnlySequence<byte> data)
    {
        foreach (ReadOnlyMemory<byte> segment in data)
        {
            Feed(segment.Span);
        }
    }

    /// <summary>Takes the oldest completed object, if any. The caller owns it and must dispose it.</summary>
    /// <param name="value">The object, or <c>null</c> when none is complete.</param>
    /// <returns>Whether an object was taken.</returns>
    /// <exception cref="ObjectDisposedException">The assembler has been disposed.</exception>
    public bool TryRead([NotNullWhen(true)] out AssembledObject? value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _completed.TryDequeue(out value);
    }

    /// <summary>
    /// Declares the end of the stream. Leftover bytes of an unfinished header, blob or object
    /// are an error here and only here: until the stream ends they may still arrive.
    /// </summary>
    /// <exception cref="PsrpProtocolException">The stream ended inside a header
    /// (<see cref="PsrpProtocolError.TruncatedHeader"/>), a blob
    /// (<see cref="PsrpProtocolError.TruncatedFragment"/>) or an object
    /// (<see cref="PsrpProtocolError.IncompleteObject"/>).</exception>
    /// <exception cref="InvalidOperationException">The assembler has failed before or was already completed.</exception>
    /// <exception cref="ObjectDisposedException">The assembler has been disposed.</exception>
    public void Complete()
    {
        ThrowIfNotAccepting();
        _ended = true;
        if (_headerFill > 0)
        {
            throw Fail(PsrpProtocolError.TruncatedHeader,
                $"The stream ended {_headerFill} bytes into a {FragmentHeader.Size}-byte fragment header.");
        }

        if (_inFragment)
        {
            throw Fail(PsrpProtocolError.TruncatedFragment,
                $"The stream ended with {_blobRemaining} of the {_fragment.BlobLength} blob bytes of fragment {_fragment.FragmentId} of object {_fragment.ObjectId} missing.");
        }

        if (_objectOpen)
        {
            throw Fail(PsrpProtocolError.IncompleteObject,
                $"The stream ended after fragment {_lastFragmentId} of object {_objectId} ({_length} bytes) without the object's End fragment.");
        }
    }

    /// <summary>Returns all pooled buffers, including those of completed objects not yet taken.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ReleaseBuffer();
        while (_completed.TryDequeue(out AssembledObject? pending))
        {
            pending.Dispose();
        }
    }

    private void FeedCore(ReadOnlySpan<byte> data)
    {
        while (true)
        {
            if (!_inFragment)
            {
                if (data.IsEmpty)
                {
                    return;
                }

                FragmentHeader header;
                if (_headerFill == 0 && data.Length >= FragmentHeader.Size)
                {
                    // Common case: the whole header is in this chunk, no staging copy needed.
                    FragmentHeader.TryRead(data, out header);
                    data = data[FragmentHeader.Size..];
                }
                else
                {
                    int take = Math.Min(FragmentHeader.Size - _headerFill, data.Length);
                    data[..take].CopyTo(_headerBytes.AsSpan(_headerFill));
                    _headerFill += take;
                    data = data[take..];
                    if (_headerFill < FragmentHeader.Size)
                    {
                        return;
                    }

                    FragmentHeader.TryRead(_headerBytes, out header);
                    _headerFill = 0;
                }

                BeginFragment(header);
            }

            if (_blobRemaining > 0)
            {
                if (data.IsEmpty)
                {
                    return;
                }

                int take = Math.Min(_blobRemaining, data.Length);
                EnsureCapacity(_length + take);
                data[..take].CopyTo(_buffer.AsSpan(_length));
                _length += take;
                _blobRemaining -= take;
                data = data[take..];
                if (_blobRemaining > 0)
                {
                    return;
                }
            }

            EndFragment();
        }
    }

    private void BeginFragment(FragmentHeader header)
    {
        FragmentCount++;
        if (header.ObjectId == 0)
        {
            throw Fail(PsrpProtocolError.InvalidObjectId,
                $"Fragment {header.FragmentId} has object id 0; object ids start at 1.");
        }

        if (header.BlobLength < 0)
        {
            throw Fail(PsrpProtocolError.InvalidLength,
                $"Fragment {header.FragmentId} of object {header.ObjectId} announces blob length 0x{header.BlobLength:X8}, which has the top bit set.");
        }

        if (!_objectOpen)
        {
            if (!header.IsStart)
            {
                throw Fail(PsrpProtocolError.InvalidFragmentFlags,
                    $"Fragment {header.FragmentId} of object {header.ObjectId} (flags 0x{(byte)header.Flags:X2}) continues an object, but no object has been started.");
            }

            if (header.FragmentId != 0)
            {
                throw Fail(PsrpProtocolError.FragmentIdOutOfSequence,
                    $"The Start fragment of object {header.ObjectId} has fragment id {header.FragmentId}; it must be 0.");
            }
        }
        else
        {
            if (header.IsStart)
            {
                throw Fail(PsrpProtocolError.InvalidFragmentFlags,
                    $"Fragment {header.FragmentId} of object {header.ObjectId} has the Start flag while object {_objectId} is still open after fragment {_lastFragmentId}.");
            }

            if (header.ObjectId != _objectId)
            {
                throw Fail(PsrpProtocolError.ObjectIdMismatch,
                    $"Fragment {header.FragmentId} belongs to object {header.ObjectId}, but object {_objectId} is still open after fragment {_lastFragmentId}.");
            }

            if (header.FragmentId != _lastFragmentId + 1)
            {
                throw Fail(PsrpProtocolError.FragmentIdOutOfSequence,
                    $"Object {_objectId}: fragment {header.FragmentId} follows fragment {_lastFragmentId}; expected {_lastFragmentId + 1}.");
            }
        }

        int held = _objectOpen ? _length : 0;
        if ((long)held + header.BlobLength > MaxObjectSize)
        {
            throw Fail(PsrpProtocolError.ObjectTooLarge,
                $"Fragment {header.FragmentId} of object {header.ObjectId} announces {header.BlobLength} blob bytes, taking the object to {(long)held + header.BlobLength} bytes; the limit is {MaxObjectSize}.");
        }

        if (_budget is not null && header.BlobLength > 0)
        {
            if (!_budget.TryReserve(header.BlobLength))
            {
                throw Fail(PsrpProtocolError.LimitExceeded,
                    $"Fragment {header.FragmentId} of object {header.ObjectId} announces {header.BlobLength} bytes while the connection already holds {_budget.Held} bytes of unfinished objects; the limit for all channels together is {_budget.Limit}.");
            }

            _reserved += header.BlobLength;
        }

        if (!_objectOpen)
        {
            _objectOpen = true;
            _objectId = header.ObjectId;
            _length = 0;
        }

        _lastFragmentId = header.FragmentId;
        _fragment = header;
        _blobRemaining = header.BlobLength;
        _inFragment = true;
    }

    private void EndFragment()
    {
        _inFragment = false;
        if (!_fragment.IsEnd)
        {
            return;
        }

        AssembledObject completed = _buffer is null
            ? new AssembledObject(_objectId, [], 0, pooled: false)
            : new AssembledObject(_objectId, _buffer, _length, pooled: true);
        _buffer = null;
        _length = 0;
        _objectOpen = false;
        ReleaseReservation();
        _completed.Enqueue(completed);
    }

    [MemberNotNull(nameof(_buffer))]
    private void EnsureCapacity(int required)
    {
        if (_buffer is not null && required <= _buffer.Length)
        {
            return;
        }

        int current = _buffer?.Length ?? 0;
        long target = Math.Max(required, Math.Max(2L * current, MinimumBufferSize));

        // On the End fragment the final size is known and already checked against the limit,
        // so take exactly that; otherwise the object may still grow up to the limit.
        long ceiling = _fragment.IsEnd ? (long)_length + _blobRemaining : MaxObjectSize;
        target = Math.Min(target, ceiling);

        byte[] next = ArrayPool<byte>.Shared.Rent((int)target);
        if (_buffer is not null)
        {
            _buffer.AsSpan(0, _length).CopyTo(next);
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = next;
    }

    private PsrpProtocolException Fail(PsrpProtocolError code, string message)
    {
        Fault();
        return new PsrpProtocolException(code, message);
    }

    private void Fault()
    {
        _faulted = true;
        ReleaseBuffer();
    }

    private void ReleaseBuffer()
    {
        ReleaseReservation();
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

    private void ReleaseReservation()
    {
        if (_reserved > 0)
        {
            _budget?.Release(_reserved);
            _reserved = 0;
        }
    }

    private void ThrowIfNotAccepting()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_faulted)
        {
            throw new InvalidOperationException("The fragment stream was rejected earlier; its connection has to be discarded.");
        }

        if (_ended)
        {
            throw new InvalidOperationException("Complete has already been called for this fragment stream.");
        }
    }
}
