using System.Buffers;
using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>Encodes message bodies to CLIXML bytes and decodes received bytes to typed bodies.</summary>
public static class PsrpPayloadCodec
{
    /// <summary>Writes the CLIXML data of <paramref name="payload"/> (nothing for a body without data). Never writes a BOM.</summary>
    public static void Encode(IBufferWriter<byte> output, PsrpPayload payload, Version protocolVersion)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.HasData)
        {
            ClixmlWriter.Serialize(output, payload.ToClixml(protocolVersion));
        }
    }

    /// <summary>Returns the CLIXML data of <paramref name="payload"/>.</summary>
    public static byte[] Encode(PsrpPayload payload, Version protocolVersion)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Encode(buffer, payload, protocolVersion);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Decodes the data of a message of <paramref name="type"/> (BOM already removed or not: both work).
    /// Unknown types and malformed bodies give <see cref="PsrpProtocolException"/>.
    /// </summary>
    public static PsrpPayload Decode(MessageType type, ReadOnlyMemory<byte> data, ClixmlLimits? limits = null)
    {
        if (type == MessageType.EndOfPipelineInput)
        {
            return new EndOfPipelineInput();
        }

        if (!Enum.IsDefined(type))
        {
            throw new PsrpProtocolException(PsrpProtocolError.UnknownMessageType, $"Unknown message type 0x{(uint)type:X8}.");
        }

        var value = data.IsEmpty ? null : ClixmlReader.Deserialize(data, limits);
        return type switch
        {
            MessageType.SessionCapability => SessionCapability.FromClixml(value),
            MessageType.InitRunspacePool => InitRunspacePool.FromClixml(value),
            MessageType.PublicKey => PublicKey.FromClixml(value),
            MessageType.EncryptedSessionKey => EncryptedSessionKey.FromClixml(value),
            MessageType.PublicKeyRequest => PublicKeyRequest.FromClixml(value),
            MessageType.ConnectRunspacePool => ConnectRunspacePool.FromClixml(value),
            MessageType.SetMaxRunspaces => SetMaxRunspaces.FromClixml(value),
            MessageType.SetMinRunspaces => SetMinRunspaces.FromClixml(value),
            MessageType.RunspaceAvailability => RunspaceAvailability.FromClixml(value),
            MessageType.RunspacePoolState => RunspacePoolStateMessage.FromClixml(value),
            MessageType.CreatePipeline => CreatePipeline.FromClixml(value),
            MessageType.GetAvailableRunspaces => GetAvailableRunspaces.FromClixml(value),
            MessageType.UserEvent => UserEvent.FromClixml(value),
            MessageType.ApplicationPrivateData => ApplicationPrivateData.FromClixml(value),
            MessageType.GetCommandMetadata => GetCommandMetadata.FromClixml(value),
            MessageType.RunspacePoolInitData => RunspacePoolInitData.FromClixml(value),
            MessageType.ResetRunspaceState => ResetRunspaceState.FromClixml(value),
            MessageType.RunspacePoolHostCall or MessageType.PipelineHostCall => RemoteHostCall.FromClixml(value, type),
            MessageType.RunspacePoolHostResponse or MessageType.PipelineHostResponse => RemoteHostResponse.FromClixml(value, type),
            MessageType.PipelineInput => new PipelineInput(value),
            MessageType.PipelineOutput => new PipelineOutput(value),
            MessageType.ErrorRecord => ErrorRecordMessage.FromClixml(value),
            MessageType.PipelineState => PipelineStateMessage.FromClixml(value),
            MessageType.DebugRecord or MessageType.VerboseRecord or MessageType.WarningRecord => InformationalRecordMessage.FromClixml(value, type),
            MessageType.ProgressRecord => ProgressRecordMessage.FromClixml(value),
            MessageType.InformationRecord => InformationRecordMessage.FromClixml(value),
            _ => throw new PsrpProtocolException(PsrpProtocolError.UnknownMessageType, $"Message type {type} is not handled by this implementation."),
        };
    }
}
