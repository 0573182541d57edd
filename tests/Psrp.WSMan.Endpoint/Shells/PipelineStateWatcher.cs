using System.Buffers.Binary;
using Psrp;
using Psrp.Fragments;
using Psrp.Messages;

namespace Psrp.WSMan.Endpoint.Shells;

/// <summary>
/// Watches a command's output fragments for the PIPELINE_STATE message that ends the pipeline
/// (Completed, Failed or Stopped): the moment WinRM's PowerShell plugin reports the command Done.
/// Only that message is reassembled; other output passes by without being copied.
/// </summary>
public sealed class PipelineStateWatcher
{
    // Message type sits 4 bytes into the message, i.e. into the first fragment's blob.
    private const int MessageTypeOffset = 4;
    private const int MaxStateMessage = 1 << 20;
    private MemoryStream? _collecting;

    /// <summary>Feeds one whole fragment; true when it completes a terminal PIPELINE_STATE.</summary>
    public bool IsTerminal(ReadOnlySpan<byte> fragment)
    {
        if (!FragmentHeader.TryRead(fragment, out var header))
        {
            return false;
        }

        var blob = fragment.Slice(FragmentHeader.Size, header.BlobLength);
        if (header.IsStart)
        {
            _collecting = null;
            if (blob.Length >= MessageTypeOffset + 4 &&
                (MessageType)BinaryPrimitives.ReadUInt32LittleEndian(blob[MessageTypeOffset..]) == MessageType.PipelineState)
            {
                _collecting = new MemoryStream();
            }
        }

        if (_collecting is null)
        {
            return false;
        }

        if (_collecting.Length + blob.Length > MaxStateMessage)
        {
            _collecting = null;
            return false;
        }

        _collecting.Write(blob);
        if (!header.IsEnd)
        {
            return false;
        }

        var bytes = _collecting.ToArray();
        _collecting = null;
        try
        {
            var message = PsrpMessage.Decode(bytes);
            return PsrpPayloadCodec.Decode(message.MessageType, message.Data) is PipelineStateMessage { IsTerminal: true };
        }
        catch (PsrpProtocolException)
        {
            return false;
        }
    }
}
