using System.Buffers;
using Psrp.Fragments;
using Psrp.LocalServer.Tests.Support;
using Psrp.Messages;

namespace Psrp.LocalServer.Tests;

/// <summary>A pipeline through the server, by hand: Command, CommandAck, CREATE_PIPELINE, output, state.</summary>
[Collection(LocalServerCollection.Name)]
public sealed class PipelineTests
{
    [Fact]
    public async Task WorkingDirectory_is_the_initial_location_of_the_remote_session()
    {
        DirectoryInfo parent = Directory.CreateTempSubdirectory("psrp-localserver-");
        // Quotes (including the typographic ones PowerShell also treats as quotes), wildcard
        // characters and a space must all arrive literally.
        DirectoryInfo directory = parent.CreateSubdirectory("it's [a] ‘dir’ *");
        try
        {
            using var server = LocalServerProcess.Start(["-s", "-WorkingDirectory", directory.FullName]);
            await PoolOpening.OpenAsync(server);

            IReadOnlyList<object?> output = await RunScriptAsync(server, "$PWD.Path");

            Assert.Equal([directory.FullName], output);
        }
        finally
        {
            parent.Delete(recursive: true);
        }
    }

    private static async Task<IReadOnlyList<object?>> RunScriptAsync(LocalServerProcess server, string script)
    {
        Guid pipelineId = Guid.NewGuid();
        await server.SendLineAsync(OutOfProcPacket.CommandLine(pipelineId));
        (OutOfProcPacket ack, _) = await server.ReadPacketAsync();
        if (ack.Element != "CommandAck" || ack.PSGuid != pipelineId)
        {
            throw server.Failure($"Expected CommandAck for {pipelineId}, got {ack}.");
        }

        var create = new CreatePipeline { Statements = [[new PipelineCommand(script, isScript: true)]] };
        var message = new PsrpMessage(Destination.Server, MessageType.CreatePipeline, GoldenCreation.RunspacePoolId, pipelineId,
            PsrpPayloadCodec.Encode(create, SessionCapability.Protocol23));
        var fragments = new ArrayBufferWriter<byte>();
        new Fragmenter().WriteMessage(message, fragments);
        await server.SendLineAsync(OutOfProcPacket.DataLine(pipelineId, fragments.WrittenSpan));

        var output = new List<object?>();
        for (int packets = 0; packets < 50; packets++)
        {
            (_, IReadOnlyList<ReceivedMessage> received) = await server.ReadPacketAsync();
            foreach (ReceivedMessage m in received)
            {
                switch (m.Payload)
                {
                    case PipelineOutput o:
                        output.Add(o.Value);
                        break;
                    case PipelineStateMessage { IsTerminal: true } state when state.State == PSInvocationState.Completed:
                        return output;
                    case PipelineStateMessage { IsTerminal: true } state:
                        throw server.Failure($"The pipeline ended {state.State}: {state.Error}");
                }
            }
        }

        throw server.Failure("The pipeline did not finish within 50 packets.");
    }
}
