using Psrp.Fragments;
using Psrp.Transport;

namespace Psrp.Tests.OutOfProc;

/// <summary>The out-of-proc transport's rules, checked against a hand-driven fake server.</summary>
public class OutOfProcTransportTests
{
    private static readonly Guid Pipeline = Guid.Parse("11111111-2222-3333-4444-555555555555");

    private static byte[] Fragments(int count, int blobSize)
    {
        var fragmenter = new Fragmenter(blobSize + FragmentHeader.Size);
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        for (var i = 0; i < count; i++)
        {
            fragmenter.Write(new byte[blobSize], output);
        }

        return output.WrittenSpan.ToArray();
    }

    private static string Ack(string kind, Guid id) => $"<{kind} PSGuid='{id}' />";

    [Fact]
    public async Task PipelineData_WaitsForCommandAck()
    {
        await using var server = new FakeOutOfProcServer();
        var create = server.Transport.CreatePipelineAsync(Pipeline, Fragments(1, 10), CancellationToken.None).AsTask();
        Assert.Equal($"<Command PSGuid='{Pipeline}' />", await server.ReadLineAsync());
        Assert.Null(await server.ReadLineAsync(TimeSpan.FromMilliseconds(300)));
        Assert.False(create.IsCompleted);

        await server.WriteLineAsync(Ack("CommandAck", Pipeline));
        Assert.StartsWith($"<Data Stream='Default' PSGuid='{Pipeline}'>", await server.ReadLineAsync(), StringComparison.Ordinal);
        await create;
    }

    [Fact]
    public async Task Close_AfterAnAbandonedStart_WaitsForTheCommandAck()
    {
        // A start given up while its CommandAck is on the way: PowerShell's server handles each line on a
        // thread of its own, so a Close written now could be handled before the Command it must follow.
        await using var server = new FakeOutOfProcServer();
        using var giveUp = new CancellationTokenSource();
        var create = server.Transport.CreatePipelineAsync(Pipeline, Fragments(1, 10), giveUp.Token).AsTask();
        Assert.Equal($"<Command PSGuid='{Pipeline}' />", await server.ReadLineAsync());
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => create);

        var close = server.Transport.ClosePipelineAsync(Pipeline, CancellationToken.None).AsTask();
        Assert.Null(await server.ReadLineAsync(TimeSpan.FromMilliseconds(300)));

        await server.WriteLineAsync(Ack("CommandAck", Pipeline));
        Assert.Equal($"<Close PSGuid='{Pipeline}' />", await server.ReadLineAsync());
        await server.WriteLineAsync(Ack("CloseAck", Pipeline));
        await close.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Close_OfAStartedPipeline_IsWrittenAtOnce()
    {
        await using var server = new FakeOutOfProcServer();
        var create = server.Transport.CreatePipelineAsync(Pipeline, Fragments(1, 10), CancellationToken.None).AsTask();
        Assert.NotNull(await server.ReadLineAsync());
        await server.WriteLineAsync(Ack("CommandAck", Pipeline));
        Assert.NotNull(await server.ReadLineAsync());
        await create;

        var close = server.Transport.ClosePipelineAsync(Pipeline, CancellationToken.None).AsTask();
        Assert.Equal($"<Close PSGuid='{Pipeline}' />", await server.ReadLineAsync(TimeSpan.FromSeconds(10)));
        await server.WriteLineAsync(Ack("CloseAck", Pipeline));
        await close.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task OneUnackedDataPerChannel()
    {
        await using var server = new FakeOutOfProcServer(new() { Name = "fake", MaxFragmentSize = 100 });
        var send = server.Transport.SendAsync(Guid.Empty, PsrpStreamKind.Default, Fragments(3, 79), CancellationToken.None).AsTask();
        Assert.NotNull(await server.ReadLineAsync());
        Assert.Null(await server.ReadLineAsync(TimeSpan.FromMilliseconds(300)));

        await server.WriteLineAsync(Ack("DataAck", Guid.Empty));
        Assert.NotNull(await server.ReadLineAsync());
        Assert.Null(await server.ReadLineAsync(TimeSpan.FromMilliseconds(300)));

        await server.WriteLineAsync(Ack("DataAck", Guid.Empty));
        Assert.NotNull(await server.ReadLineAsync());
        await send;
    }

    [Fact]
    public async Task SmallFragments_ArePackedUpToOneFragmentSize()
    {
        await using var server = new FakeOutOfProcServer(new() { Name = "fake", MaxFragmentSize = 200 });
        var send = server.Transport.SendAsync(Guid.Empty, PsrpStreamKind.Default, Fragments(3, 29), CancellationToken.None).AsTask();
        var line = await server.ReadLineAsync();
        Assert.NotNull(line);
        var base64 = line[(line.IndexOf('>', StringComparison.Ordinal) + 1)..line.IndexOf("</Data>", StringComparison.Ordinal)];
        Assert.Equal(150, Convert.FromBase64String(base64).Length);
        await send;
    }

    [Fact]
    public async Task HostResponses_AreNotHeldBehindUnackedInput()
    {
        await using var server = new FakeOutOfProcServer();
        await server.Transport.SendAsync(Pipeline, PsrpStreamKind.Default, Fragments(1, 10), CancellationToken.None);
        Assert.NotNull(await server.ReadLineAsync());
        var response = server.Transport.SendAsync(Pipeline, PsrpStreamKind.PromptResponse, Fragments(1, 10), CancellationToken.None).AsTask();
        Assert.StartsWith("<Data Stream='PromptResponse'", await server.ReadLineAsync(), StringComparison.Ordinal);
        await response;
    }

    [Fact]
    public async Task ReceivedData_IsDecodedPerChannelAndStream()
    {
        await using var server = new FakeOutOfProcServer();
        await server.WriteLineAsync($"<Data Stream='Default' PSGuid='{Pipeline}'>AQID</Data>");
        var data = await server.Transport.Received.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(Pipeline, data.PipelineId);
        Assert.Equal(new byte[] { 1, 2, 3 }, data.Bytes.ToArray());
    }

    [Fact]
    public async Task ErrorLine_FailsEveryWaiter()
    {
        await using var server = new FakeOutOfProcServer();
        var create = server.Transport.CreatePipelineAsync(Pipeline, Fragments(1, 10), CancellationToken.None).AsTask();
        await server.ReadLineAsync();
        await server.WriteLineAsync("__NamedPipeError__: the endpoint is shutting down");
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(() => create);
        Assert.Equal(TransportPhase.CreatePipeline, ex.Phase);
        Assert.Contains("the endpoint is shutting down", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PsrpTransportException>(async () => await server.Transport.Received.WaitToReadAsync());
    }

    [Fact]
    public async Task EndOfStream_FailsPendingWaitsPromptly()
    {
        await using var server = new FakeOutOfProcServer(new() { Name = "fake", AckTimeout = TimeSpan.FromMinutes(5) });
        var close = server.Transport.ClosePipelineAsync(Pipeline, CancellationToken.None).AsTask();
        await server.ReadLineAsync();
        await server.EndAsync();
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(() => close.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Contains("closed the connection", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingAck_TimesOutWithATypedError()
    {
        await using var server = new FakeOutOfProcServer(new() { Name = "fake", AckTimeout = TimeSpan.FromMilliseconds(300) });
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(async () => await server.Transport.StopPipelineAsync(Pipeline, CancellationToken.None));
        Assert.Equal(TransportPhase.StopPipeline, ex.Phase);
        Assert.Contains("SignalAck", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_IsAProtocolError()
    {
        await using var server = new FakeOutOfProcServer();
        await server.WriteLineAsync("Hello, I am not PowerShell");
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(async () => await server.Transport.Received.WaitToReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.IsType<PsrpProtocolException>(ex.InnerException);
    }

    [Fact]
    public async Task OverlongLine_IsAProtocolError_WithBoundedBuffering()
    {
        await using var server = new FakeOutOfProcServer(new() { Name = "fake", MaxFragmentSize = 1024 });
        // Not awaited: the transport stops reading once the line is too long, so this write never finishes.
        _ = server.WriteLineAsync(new string('A', 1 << 20));
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(async () => await server.Transport.Received.WaitToReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Contains("longer than", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignalOnTheSessionChannel_IsRefused()
    {
        await using var server = new FakeOutOfProcServer();
        await Assert.ThrowsAsync<ArgumentException>(async () => await server.Transport.StopPipelineAsync(Guid.Empty, CancellationToken.None));
    }
}
