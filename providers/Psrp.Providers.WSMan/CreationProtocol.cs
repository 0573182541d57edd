using Psrp.Fragments;
using Psrp.Messages;

namespace Psrp.Providers.WSMan;

/// <summary>
/// Reads the client's protocol version from the SESSION_CAPABILITY among the opening fragments, for
/// Create's <c>protocolversion</c> option (which must equal what the session announces).
/// </summary>
internal static class CreationProtocol
{
    public static string Version(ReadOnlyMemory<byte> fragments, string fallback)
    {
        try
        {
            using var assembler = new FragmentAssembler(fragments.Length + 1);
            assembler.Feed(fragments.Span);
            while (assembler.TryRead(out var assembled))
            {
                using (assembled)
                {
                    var message = PsrpMessage.Decode(assembled.Memory);
                    if (message.MessageType == MessageType.SessionCapability
                        && PsrpPayloadCodec.Decode(message.MessageType, message.Data) is SessionCapability capability)
                    {
                        return capability.ProtocolVersion.ToString(2);
                    }
                }
            }
        }
        catch (PsrpProtocolException)
        {
            // Not PSRP we can read: the caller's fallback still opens the shell.
        }

        return fallback;
    }
}
