using Psrp.Fragments;
using Psrp.Messages;

namespace Psrp.WSMan.Tests.Replay;

/// <summary>Turns received stream payloads into decoded PSRP messages, as the client's receive loop does.</summary>
internal static class PayloadDecoder
{
    public static IReadOnlyList<(PsrpMessage Message, PsrpPayload Body)> Decode(IEnumerable<byte[]> payloads)
    {
        using var assembler = new FragmentAssembler();
        var messages = new List<(PsrpMessage, PsrpPayload)>();
        foreach (var payload in payloads)
        {
            assembler.Feed(payload);
            while (assembler.TryRead(out var assembled))
            {
                using (assembled)
                {
                    var message = PsrpMessage.Decode(assembled.Memory.ToArray());
                    messages.Add((message, PsrpPayloadCodec.Decode(message.MessageType, message.Data)));
                }
            }
        }

        Assert.False(assembler.HasPartialObject, "a stream ended inside a fragment");
        return messages;
    }
}
