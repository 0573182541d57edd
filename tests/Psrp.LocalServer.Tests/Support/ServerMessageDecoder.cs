using Psrp.Fragments;
using Psrp.Messages;

namespace Psrp.LocalServer.Tests.Support;

/// <summary>A PSRP message received from the server, decoded while its bytes were still valid.</summary>
internal sealed record ReceivedMessage(Guid Channel, Destination Destination, MessageType Type, Guid RunspacePoolId, Guid PipelineId, PsrpPayload Payload)
{
    public override string ToString() => $"{Type} on {Channel}: {Payload}";
}

/// <summary>Reassembles the fragments of each out-of-proc channel and decodes whole messages with the core library.</summary>
internal sealed class ServerMessageDecoder : IDisposable
{
    private readonly Dictionary<Guid, FragmentAssembler> _assemblers = [];

    public IReadOnlyList<ReceivedMessage> Feed(Guid channel, ReadOnlySpan<byte> fragments)
    {
        if (!_assemblers.TryGetValue(channel, out FragmentAssembler? assembler))
        {
            assembler = new FragmentAssembler();
            _assemblers.Add(channel, assembler);
        }

        assembler.Feed(fragments);
        var messages = new List<ReceivedMessage>();
        while (assembler.TryRead(out AssembledObject? assembled))
        {
            using (assembled)
            {
                PsrpMessage message = PsrpMessage.Decode(assembled.Memory);
                PsrpPayload payload = PsrpPayloadCodec.Decode(message.MessageType, message.Data);
                messages.Add(new ReceivedMessage(channel, message.Destination, message.MessageType, message.RunspacePoolId, message.PipelineId, payload));
            }
        }

        return messages;
    }

    public void Dispose()
    {
        foreach (FragmentAssembler assembler in _assemblers.Values)
        {
            assembler.Dispose();
        }
    }
}
