using Psrp.Fragments;

namespace Psrp.Tests.OutOfProc;

/// <summary>
/// An ack for a channel the client never opened (or already closed) creates no state: every one
/// used to add a channel record, so a server sending acks for fresh random GUIDs grew the client
/// without limit (2 million acks: 866 MB; issue #16, item 8).
/// </summary>
public class UnknownChannelAckTests
{
    [Fact]
    public async Task Acks_for_unknown_channels_leave_no_state_behind()
    {
        await using var server = new FakeOutOfProcServer();
        foreach (var kind in new[] { "DataAck", "CommandAck", "SignalAck", "CloseAck" })
        {
            for (var i = 0; i < 1000; i++)
            {
                await server.WriteLineAsync($"<{kind} PSGuid='{Guid.NewGuid()}' />");
            }
        }

        // A round trip on a real channel: the reader has handled every ack above once it completes.
        var pipeline = Guid.NewGuid();
        var fragments = new System.Buffers.ArrayBufferWriter<byte>();
        new Fragmenter().Write(new byte[10], fragments);
        var create = server.Transport.CreatePipelineAsync(pipeline, fragments.WrittenMemory, CancellationToken.None).AsTask();
        Assert.Equal($"<Command PSGuid='{pipeline}' />", await server.ReadLineAsync());
        await server.WriteLineAsync($"<CommandAck PSGuid='{pipeline}' />");
        await create.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.InRange(server.Transport.ChannelCount, 1, 2);
    }
}
