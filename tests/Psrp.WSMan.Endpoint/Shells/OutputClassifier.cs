using System.Buffers.Binary;
using Psrp;
using Psrp.Fragments;
using Psrp.Messages;

namespace Psrp.WSMan.Endpoint.Shells;

/// <summary>
/// Reads a command's output fragments the way the PowerShell plugin knows them: which fragment ends
/// a host call (reported Pending, so WinRM answers the Receive at once) and which ends the terminal
/// PIPELINE_STATE (Completed, Failed or Stopped; the command is then Done). Only the state message
/// is reassembled; other output passes by without being copied.
/// </summary>
public sealed class OutputClassifier
{
    // The message type sits 4 bytes into the message, i.e. into the first fragment's blob.
    private const int MessageTypeOffset = 4;
    private const int MaxStateMessage = 1 << 20;
    private MessageType _current;
    private MemoryStream? _state;

    /// <summary>Classifies one whole fragment.</summary>
    /// <returns>Flush: the fragment ends a host call. Terminal: it ends a terminal PIPELINE_STATE.</returns>
    public (bool Flush, bool Terminal) Classify(ReadOnlySpan<byte> fragment)
    {
        if (!FragmentHeader.TryRead(fragment, out var header))
        {
            return (false, false);
        }

        var blob = fragment.Slice(FragmentHeader.Size, header.BlobLength);
        if (header.IsStart)
        {
            _state = null;
            _current = blob.Length >= MessageTypeOffset + 4
                ? (MessageType)BinaryPrimitives.ReadUInt32LittleEndian(blob[MessageTypeOffset..])
                : default;
            if (_current == MessageType.PipelineState)
            {
                _state = new MemoryStream();
            }
        }

        if (_current is MessageType.PipelineHostCall or MessageType.RunspacePoolHostCall)
        {
            return (header.IsEnd, false);
        }

        if (_state is null || _state.Length + blob.Length > MaxStateMessage)
        {
            _state = null;
            return (false, false);
        }

        _state.Write(blob);
        if (!header.IsEnd)
        {
            return (false, false);
        }

        var bytes = _state.ToArray();
        _state = null;
        try
        {
            var message = PsrpMessage.Decode(bytes);
            return (false, PsrpPayloadCodec.Decode(message.MessageType, message.Data) is PipelineStateMessage { IsTerminal: true });
        }
        catch (PsrpProtocolException)
        {
            return (false, false);
        }
    }
}
