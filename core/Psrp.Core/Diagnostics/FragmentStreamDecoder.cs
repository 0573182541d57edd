using System.Buffers;
using Psrp.Fragments;
using Psrp.Messages;

namespace Psrp.Diagnostics;

/// <summary>
/// Reassembles one (direction, channel, stream) fragment byte stream of a trace, reporting every
/// fragment header as well as every message (the assembler of the session hides the headers).
/// Tolerates fragments split across units; memory is bounded by the largest message allowed.
/// </summary>
internal sealed class FragmentStreamDecoder(WireDirection direction, int maxMessageSize)
{
    // Bytes not yet decoded are _buffer[_start.._end]. Decoding moves _start (h11's receive buffer
    // keeps an offset the same way): copying the rest down after every feed made a fragment that
    // arrives in many small pieces cost the square of its size.
    private byte[] _buffer = [];
    private int _start;
    private int _end;
    private readonly ArrayBufferWriter<byte> _message = new();
    private bool _inMessage;
    private ulong _objectId;

    /// <summary>Feeds the next bytes; adds completed fragments and messages to the lists. Throws <see cref="PsrpProtocolException"/> on a broken stream.</summary>
    public void Feed(ReadOnlySpan<byte> data, List<FragmentHeader> fragments, List<DecodedMessage> messages)
    {
        Append(data);
        var consumed = 0;
        var pending = _buffer.AsSpan(_start, _end - _start);
        while (FragmentHeader.TryRead(pending[consumed..], out var header))
        {
            var blobLength = header.BlobLength;
            if (blobLength < 0 || (long)_message.WrittenCount + blobLength > maxMessageSize)
            {
                Reset();
                throw new PsrpProtocolException(PsrpProtocolError.ObjectTooLarge, $"Fragment {header.FragmentId} of object {header.ObjectId} announces {header.BlobLength} bytes; the decoder holds at most {maxMessageSize} per message.");
            }

            if (pending.Length - consumed < FragmentHeader.Size + blobLength)
            {
                break;
            }

            var blob = pending.Slice(consumed + FragmentHeader.Size, blobLength);
            consumed += FragmentHeader.Size + blobLength;
            fragments.Add(header);
            if (header.IsStart)
            {
                _message.Clear();
                _inMessage = true;
                _objectId = header.ObjectId;
            }
            else if (!_inMessage || header.ObjectId != _objectId)
            {
                Reset();
                throw new PsrpProtocolException(PsrpProtocolError.ObjectIdMismatch, $"Fragment {header.FragmentId} of object {header.ObjectId} continues no open object.");
            }

            _message.Write(blob);
            if (header.IsEnd)
            {
                _inMessage = false;
                messages.Add(DecodeMessage(direction, _message.WrittenMemory.ToArray(), header.ObjectId));
            }
        }

        // What is not consumed (a fragment still arriving) stays where it is.
        _start += consumed;
        if (_start == _end)
        {
            _start = _end = 0;
        }
    }

    /// <summary>
    /// Adds bytes after the pending ones. The pending bytes move down only when at most half the
    /// buffer would be in use afterwards, so every byte is moved at most a constant number of times.
    /// </summary>
    private void Append(ReadOnlySpan<byte> data)
    {
        var live = _end - _start;
        if (_buffer.Length - _end < data.Length)
        {
            var needed = (long)live + data.Length;
            if (needed <= _buffer.Length / 2)
            {
                _buffer.AsSpan(_start, live).CopyTo(_buffer);
            }
            else
            {
                var grown = new byte[(int)Math.Min(Math.Max(needed * 2, 256), Array.MaxLength)];
                _buffer.AsSpan(_start, live).CopyTo(grown);
                _buffer = grown;
            }

            _start = 0;
            _end = live;
        }

        data.CopyTo(_buffer.AsSpan(_end));
        _end += data.Length;
    }

    /// <summary>Reads a whole PSRP message (40-byte header and data).</summary>
    public static DecodedMessage DecodeMessage(WireDirection direction, byte[] message, ulong objectId)
    {
        var decoded = PsrpMessage.Decode(message);
        return new DecodedMessage(direction, decoded.Destination, decoded.MessageType, decoded.RunspacePoolId, decoded.PipelineId, objectId, message.Length, decoded.Data);
    }

    private void Reset()
    {
        _start = _end = 0;
        _message.Clear();
        _inMessage = false;
    }
}
