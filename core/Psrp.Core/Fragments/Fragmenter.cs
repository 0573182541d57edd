using System.Buffers;

namespace Psrp.Fragments;

/// <summary>
/// Splits messages into fragments (MS-PSRP 2.2.4) and writes them straight into an
/// <see cref="IBufferWriter{T}"/>, numbering each message with the next object id.
/// </summary>
/// <remarks>
/// <para>
/// The fragment size counts the 21-byte header, as PowerShell's does: a fragment is never longer
/// than <see cref="MaxFragmentSize"/>. Every fragment is written whole, so a caller that maps one
/// fragment (or several) onto one transport payload never splits a fragment across payloads,
/// which MS-PSRP forbids for WSMan.
/// </para>
/// <para>
/// Taking object ids is thread-safe; writing into one <see cref="IBufferWriter{T}"/> from several
/// threads is not, as with any buffer writer.
/// </para>
/// </remarks>
public sealed class Fragmenter
{
    /// <summary>
    /// PowerShell's fixed fragment size for out-of-process transports (SSH, Hyper-V socket,
    /// containers, <c>pwsh -s</c>) and for its WSMan server plugin: 32 KiB including the header.
    /// </summary>
    public const int DefaultMaxFragmentSize = 32 << 10;

    /// <summary>The smallest usable fragment size: a header plus one blob byte.</summary>
    public const int MinFragmentSize = FragmentHeader.Size + 1;

    // Stored as "last id handed out" so Interlocked.Increment yields the next one directly.
    private long _lastObjectId;
    private volatile int _maxFragmentSize;

    /// <summary>Creates a fragmenter.</summary>
    /// <param name="maxFragmentSize">Largest fragment to emit, header included.</param>
    /// <param name="firstObjectId">Object id of the first message. PowerShell starts at 1; other
    /// values are for resuming a sender's sequence or replaying captures.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFragmentSize"/> is below
    /// <see cref="MinFragmentSize"/> or above <see cref="Array.MaxLength"/>, or
    /// <paramref name="firstObjectId"/> is 0 or has the top bit set.</exception>
    public Fragmenter(int maxFragmentSize = DefaultMaxFragmentSize, ulong firstObjectId = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFragmentSize, MinFragmentSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFragmentSize, Array.MaxLength);
        ArgumentOutOfRangeException.ThrowIfZero(firstObjectId);

        // The top bit is always 0 on the wire (PowerShell keeps the id in a signed long).
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstObjectId, (ulong)long.MaxValue);

        _maxFragmentSize = maxFragmentSize;
        _lastObjectId = (long)(firstObjectId - 1);
    }

    /// <summary>
    /// Largest fragment emitted, header included. It may change between messages (WSMan raises it
    /// once the server's protocol version is known); the object id sequence goes on unchanged.
    /// </summary>
    public int MaxFragmentSize
    {
        get => _maxFragmentSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, MinFragmentSize);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Array.MaxLength);
            _maxFragmentSize = value;
        }
    }

    /// <summary>Largest blob carried by one fragment: <see cref="MaxFragmentSize"/> minus the header.</summary>
    public int MaxBlobLength => _maxFragmentSize - FragmentHeader.Size;

    /// <summary>How many bytes <c>Write</c> emits for a message of the given length.</summary>
    /// <param name="messageLength">Length of the whole message in bytes.</param>
    /// <returns>The message length plus one header per fragment (an empty message still takes one fragment).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="messageLength"/> is negative.</exception>
    public long GetEncodedLength(long messageLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(messageLength);
        long fragments = Math.Max(1, (messageLength + MaxBlobLength - 1) / MaxBlobLength);
        return messageLength + (fragments * FragmentHeader.Size);
    }

    /// <summary>Fragments one message.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="output">Receives the fragments, back to back.</param>
    /// <returns>The object id given to the message.</returns>
    public ulong Write(ReadOnlySpan<byte> message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var source = new SpanSource(message);
        return WriteCore(ref source, message.Length, output);
    }

    /// <summary>
    /// Fragments one message given in two parts, typically the 40-byte PSRP message header and
    /// the message data, so the caller never has to join them into one buffer first.
    /// </summary>
    /// <param name="prefix">The first bytes of the message.</param>
    /// <param name="body">The rest of the message.</param>
    /// <param name="output">Receives the fragments, back to back.</param>
    /// <returns>The object id given to the message.</returns>
    public ulong Write(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var source = new TwoSpanSource(prefix, body);
        return WriteCore(ref source, (long)prefix.Length + body.Length, output);
    }

    /// <summary>Fragments one message held in a possibly multi-segment sequence.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="output">Receives the fragments, back to back.</param>
    /// <returns>The object id given to the message.</returns>
    public ulong Write(in ReadOnlySequence<byte> message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var source = new SequenceSource(message);
        return WriteCore(ref source, message.Length, output);
    }

    private ulong WriteCore<TSource>(ref TSource source, long length, IBufferWriter<byte> output)
        where TSource : IBlobSource, allows ref struct
    {
        ulong objectId = TakeObjectId();
        ulong fragmentId = 0;

        // Read once: the size may be changed by another thread between messages.
        int maxBlobLength = MaxBlobLength;
        long remaining = length;

        // do/while: an empty message still needs one (Start|End, length 0) fragment.
        do
        {
            int blobLength = (int)Math.Min(remaining, maxBlobLength);
            var flags = FragmentFlags.None;
            if (fragmentId == 0)
            {
                flags |= FragmentFlags.Start;
            }

            if (blobLength == remaining)
            {
                flags |= FragmentFlags.End;
            }

            int fragmentLength = FragmentHeader.Size + blobLength;
            Span<byte> destination = output.GetSpan(fragmentLength);
            if (destination.Length < fragmentLength)
            {
                throw new InvalidOperationException(
                    $"The buffer writer returned {destination.Length} bytes when {fragmentLength} were requested.");
            }

            new FragmentHeader(objectId, fragmentId, flags, blobLength).Write(destination);
            source.CopyTo(destination.Slice(FragmentHeader.Size, blobLength));
            output.Advance(fragmentLength);

            remaining -= blobLength;
            fragmentId++;
        }
        while (remaining > 0);

        return objectId;
    }

    private ulong TakeObjectId()
    {
        long id = Interlocked.Increment(ref _lastObjectId);
        if (id <= 0)
        {
            // Wrapped past long.MaxValue: reusing ids would let a receiver mix up objects.
            throw new InvalidOperationException("The fragmenter has run out of object ids.");
        }

        return (ulong)id;
    }

    // The message bytes, consumed front to back; each call fills the whole destination.
    // Ref structs behind a generic keep the one fragmenting loop for every input shape
    // without boxing or delegates.
    private interface IBlobSource
    {
        void CopyTo(Span<byte> destination);
    }

    private ref struct SpanSource(ReadOnlySpan<byte> rest) : IBlobSource
    {
        private ReadOnlySpan<byte> _rest = rest;

        public void CopyTo(Span<byte> destination)
        {
            _rest[..destination.Length].CopyTo(destination);
            _rest = _rest[destination.Length..];
        }
    }

    private ref struct TwoSpanSource(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second) : IBlobSource
    {
        private ReadOnlySpan<byte> _first = first;
        private ReadOnlySpan<byte> _second = second;

        public void CopyTo(Span<byte> destination)
        {
            int fromFirst = Math.Min(_first.Length, destination.Length);
            _first[..fromFirst].CopyTo(destination);
            _first = _first[fromFirst..];

            int fromSecond = destination.Length - fromFirst;
            _second[..fromSecond].CopyTo(destination[fromFirst..]);
            _second = _second[fromSecond..];
        }
    }

    private struct SequenceSource(ReadOnlySequence<byte> rest) : IBlobSource
    {
        private ReadOnlySequence<byte> _rest = rest;

        public void CopyTo(Span<byte> destination)
        {
            ReadOnlySequence<byte> head = _rest.Slice(0, destination.Length);
            head.CopyTo(destination);
            _rest = _rest.Slice(head.End);
        }
    }
}
