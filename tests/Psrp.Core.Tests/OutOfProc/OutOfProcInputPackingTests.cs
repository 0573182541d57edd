using Psrp.Fragments;
using Psrp.OutOfProc;
using Psrp.Transport;

namespace Psrp.Tests.OutOfProc;

/// <summary>
/// The transport's send path with packing, against the hand-driven fake server: data queued on a channel
/// while its Data line is un-acked goes out in the next line, and the queue never outlives its channel.
/// </summary>
public class OutOfProcInputPackingTests
{
    private static readonly Guid Pipeline = Guid.Parse("21111111-2222-3333-4444-555555555555");

    private static byte[] Message(Fragmenter fragmenter, int blobSize)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        fragmenter.Write(new byte[blobSize], output);
        return output.WrittenSpan.ToArray();
    }

    private static byte[] Payload(string line)
    {
        var start = line.IndexOf('>', StringComparison.Ordinal) + 1;
        return Convert.FromBase64String(line[start..line.IndexOf("</Data>", StringComparison.Ordinal)]);
    }

    private static int FragmentCount(byte[] payload)
    {
        var count = 0;
        for (var offset = 0; offset < payload.Length; count++)
        {
            Assert.True(FragmentHeader.TryRead(payload.AsSpan(offset), out var header));
            offset += FragmentHeader.Size + header.BlobLength;
        }

        return count;
    }

    [Fact]
    public async Task Sends_made_while_a_line_is_unacked_return_at_once_and_share_the_next_line()
    {
        await using var server = new FakeOutOfProcServer(new() { Name = "fake", MaxFragmentSize = 1024 });
        var fragmenter = new Fragmenter(1024);
        await server.Transport.SendAsync(Pipeline, PsrpStreamKind.Default, Message(fragmenter, 10), CancellationToken.None);
        Assert.Equal(1, FragmentCount(Payload((await server.ReadLineAsync())!)));

        // No DataAck yet: these complete (they are queued), and nothing more is written.
        for (var i = 0; i < 5; i++)
        {
            await server.Transport.SendAsync(Pipeline, PsrpStreamKind.Default, Message(fragmenter, 10), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        }

        Assert.Null(await server.ReadLineAsync(TimeSpan.FromMilliseconds(300)));
        await server.WriteLineAsync($"<DataAck PSGuid='{Pipeline}' />");
        var packed = (await server.ReadLineAsync())!;
        Assert.StartsWith($"<Data Stream='Default' PSGuid='{Pipeline}'>", packed, StringComparison.Ordinal);
        Assert.Equal(5, FragmentCount(Payload(packed)));
        Assert.Null(await server.ReadLineAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task One_fragment_per_packet_still_sends_each_fragment_alone()
    {
        await using var server = new FakeOutOfProcServer(new() { Name = "fake", MaxFragmentSize = 1024, MaxFragmentsPerPacket = 1 });
        var fragmenter = new Fragmenter(1024);
        for (var i = 0; i < 3; i++)
        {
            await server.Transport.SendAsync(Pipeline, PsrpStreamKind.Default, Message(fragmenter, 10), CancellationToken.None);
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1, FragmentCount(Payload((await server.ReadLineAsync())!)));
            await server.WriteLineAsync($"<DataAck PSGuid='{Pipeline}' />");
        }
    }

    [Fact]
    public async Task Closing_a_pipeline_drops_its_queued_input_and_keeps_the_connection()
    {
        await using var server = new FakeOutOfProcServer(new() { Name = "fake", MaxFragmentSize = 1024, DataAckTimeout = TimeSpan.FromSeconds(1) });
        var fragmenter = new Fragmenter(1024);
        await server.Transport.SendAsync(Pipeline, PsrpStreamKind.Default, Message(fragmenter, 10), CancellationToken.None);
        Assert.NotNull(await server.ReadLineAsync());
        await server.Transport.SendAsync(Pipeline, PsrpStreamKind.Default, Message(fragmenter, 10), CancellationToken.None);

        var close = server.Transport.ClosePipelineAsync(Pipeline, CancellationToken.None).AsTask();
        Assert.Equal($"<Close PSGuid='{Pipeline}' />", await server.ReadLineAsync());
        await server.WriteLineAsync($"<CloseAck PSGuid='{Pipeline}' />");
        await close.WaitAsync(TimeSpan.FromSeconds(5));

        // Past the DataAck timeout the dropped input has not failed the connection: the session channel still works.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await server.Transport.SendAsync(Guid.Empty, PsrpStreamKind.Default, Message(fragmenter, 10), CancellationToken.None);
        Assert.StartsWith("<Data Stream='Default' PSGuid='00000000-0000-0000-0000-000000000000'>", await server.ReadLineAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_DataAck_fails_the_transport_and_the_next_send()
    {
        await using var server = new FakeOutOfProcServer(new() { Name = "fake", DataAckTimeout = TimeSpan.FromMilliseconds(300) });
        var fragmenter = new Fragmenter();
        await server.Transport.SendAsync(Pipeline, PsrpStreamKind.Default, Message(fragmenter, 10), CancellationToken.None);
        Assert.NotNull(await server.ReadLineAsync());
        await server.Transport.SendAsync(Pipeline, PsrpStreamKind.Default, Message(fragmenter, 10), CancellationToken.None);
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(async () => await server.Transport.Received.WaitToReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Contains("DataAck", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PsrpTransportException>(async () => await server.Transport.SendAsync(Pipeline, PsrpStreamKind.Default, Message(fragmenter, 10), CancellationToken.None));
    }

    [Fact]
    public async Task A_sender_waiting_for_room_fails_promptly_when_the_server_goes_away()
    {
        await using var server = new FakeOutOfProcServer(new() { Name = "fake", MaxFragmentSize = 1024, DataAckTimeout = TimeSpan.FromMinutes(5) });
        var fragmenter = new Fragmenter(1024);
        var message = Message(fragmenter, 1000);

        // The first line is out and never acked: from here on the queue only fills.
        await server.Transport.SendAsync(Pipeline, PsrpStreamKind.Default, message, CancellationToken.None);
        Assert.NotNull(await server.ReadLineAsync());
        Task? blocked = null;
        for (var i = 0; i < 10_000 && blocked is null; i++)
        {
            var send = server.Transport.SendAsync(Pipeline, PsrpStreamKind.Default, message, CancellationToken.None).AsTask();
            if (!send.IsCompleted)
            {
                blocked = send;
            }
        }

        Assert.NotNull(blocked);
        Assert.True(PackedFragmentSender.CapacityFor(1024) < 10_000L * message.Length);
        await server.EndAsync();
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(() => blocked.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(TransportPhase.Send, ex.Phase);
    }

    [Fact]
    public async Task Closing_the_pool_writes_the_queued_session_data_first()
    {
        await using var server = new FakeOutOfProcServer(new() { Name = "fake", MaxFragmentSize = 1024 });
        var fragmenter = new Fragmenter(1024);
        await server.Transport.SendAsync(Guid.Empty, PsrpStreamKind.Default, Message(fragmenter, 10), CancellationToken.None);
        Assert.NotNull(await server.ReadLineAsync());
        await server.Transport.SendAsync(Guid.Empty, PsrpStreamKind.Default, Message(fragmenter, 10), CancellationToken.None);

        var close = server.Transport.CloseRunspacePoolAsync(CancellationToken.None).AsTask();
        Assert.Null(await server.ReadLineAsync(TimeSpan.FromMilliseconds(300)));
        await server.WriteLineAsync($"<DataAck PSGuid='{Guid.Empty}' />");
        Assert.StartsWith("<Data ", await server.ReadLineAsync(), StringComparison.Ordinal);
        Assert.Equal($"<Close PSGuid='{Guid.Empty}' />", await server.ReadLineAsync());
        await server.WriteLineAsync($"<CloseAck PSGuid='{Guid.Empty}' />");
        await close.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
