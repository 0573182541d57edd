using System.Text;
using Psrp.Fragments;
using Psrp.Messages;
using Psrp.OutOfProc;
using Psrp.Transport;

namespace Psrp.Cli.Tests.ClientParity;

/// <summary>The PSRP messages in a recording of what a client wrote to an out-of-proc server.</summary>
internal static class WireRecording
{
    public sealed record Message(Guid PipelineId, MessageType Type, string Clixml);

    public static IReadOnlyList<Message> Read(string path)
    {
        var messages = new List<Message>();
        var assemblers = new Dictionary<(Guid, PsrpStreamKind), FragmentAssembler>();
        try
        {
            foreach (var line in File.ReadAllLines(path))
            {
                if (!line.StartsWith("<Data", StringComparison.Ordinal))
                {
                    continue;
                }

                var packet = OutOfProcPacketCodec.Parse(Encoding.UTF8.GetBytes(line));
                var key = (packet.PsGuid, packet.Stream);
                if (!assemblers.TryGetValue(key, out var assembler))
                {
                    assemblers[key] = assembler = new FragmentAssembler();
                }

                assembler.Feed(Convert.FromBase64String(Encoding.ASCII.GetString(packet.Base64Payload)));
                while (assembler.TryRead(out var assembled))
                {
                    using (assembled)
                    {
                        var message = PsrpMessage.Decode(assembled.Memory.ToArray());
                        var body = message.Data.Span;
                        if (body.StartsWith(Encoding.UTF8.Preamble))
                        {
                            body = body[Encoding.UTF8.Preamble.Length..];
                        }

                        messages.Add(new Message(message.PipelineId, message.MessageType, Encoding.UTF8.GetString(body)));
                    }
                }
            }
        }
        finally
        {
            foreach (var assembler in assemblers.Values)
            {
                assembler.Dispose();
            }
        }

        return messages;
    }
}
