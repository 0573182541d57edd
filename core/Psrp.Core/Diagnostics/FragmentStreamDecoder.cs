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
    private readonly ArrayBufferWriter<byte> _pending = new();
    private readonly ArrayBufferWriter<byte> _message = new();
    private bool _inMessage;
    private ulong _objectId;

    /// <summary>Feeds the next bytes; adds completed fragments and messages to the lists. Throws <see cref="PsrpProtocolException"/> on a broken stream.</summary>
    public void Feed(ReadOnlySpan<byte> data, List<FragmentHeader> fragments, List<DecodedMessage> messages)
    {
        _pending.Write(data);
        var consumed = 0;
        var pending = _pending.WrittenSpan;
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

        // Keep only what is not consumed (a fragment still arriving).
        var rest = pending[consumed..].ToArray();
        _pending.Clear();
        _pending.Write(rest);
    }

    /// <summary>Reads a whole PSRP message (40-byte header and data).</summary>
    public static DecodedMessage DecodeMessage(WireDirection direction, byte[] message, ulong objectId)
    {
        var decoded = PsrpMessage.Decode(message);
        return new DecodedMessage(direction, decoded.Destination, decoded.MessageType, decoded.RunspacePoolId, decoded.PipelineId, objectId, message.Length, decoded.Data);
    }

    private void Reset()
    {
        _pending.Clear();
        _message.Clear();
        _inMessage = false;
    }
}
