using Psrp.Client;
using Psrp.Messages;
using Psrp.Serialization;
using Psrp.Tests.Client.Support;
using Psrp.Transport;

namespace Psrp.Tests.Client;

/// <summary>
/// A message for a pipeline this client never created is a protocol error that fails the pool
/// (issue #16, item 7): dropped silently, a server that sends a pipeline's final state under a wrong
/// id left that pipeline waiting forever. Late messages for a pipeline that did exist here (it
/// finished, or its consumer gave up) are still dropped: the server may not have stopped yet.
/// </summary>
public class UnknownPipelineIdTests
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    private static async Task DrainAsync(RemotePipeline pipeline)
    {
        await foreach (var _ in pipeline.InvokeAsync())
        {
        }
    }

    [Fact]
    public async Task A_message_for_a_pipeline_never_created_fails_the_pool()
    {
        var server = new ScriptedServerTransport();
        await using var pool = await RunspacePool.OpenAsync(server);
        var run = DrainAsync(pool.CreatePipeline().AddScript("x"));
        await server.NextPipelineAsync();
        var stranger = Guid.NewGuid();

        await server.SendAsync(stranger, new PipelineStateMessage(PSInvocationState.Completed));

        var error = await Assert.ThrowsAsync<PsrpTransportException>(() => run.WaitAsync(Prompt));
        var protocol = Assert.IsType<PsrpProtocolException>(error.InnerException);
        Assert.Equal(PsrpProtocolError.UnexpectedMessage, protocol.Code);
        Assert.Contains(stranger.ToString(), protocol.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_naming_a_stranger_on_the_pool_channel_fails_the_pool()
    {
        var server = new ScriptedServerTransport();
        await using var pool = await RunspacePool.OpenAsync(server);
        var run = DrainAsync(pool.CreatePipeline().AddScript("x"));
        await server.NextPipelineAsync();

        await server.SendAsync(Guid.NewGuid(), new PipelineOutput("x"), channel: Guid.Empty);

        await Assert.ThrowsAsync<PsrpTransportException>(() => run.WaitAsync(Prompt));
    }

    [Fact]
    public async Task A_late_message_for_a_finished_pipeline_is_dropped()
    {
        var server = new ScriptedServerTransport();
        await using var pool = await RunspacePool.OpenAsync(server);
        var first = DrainAsync(pool.CreatePipeline().AddScript("x"));
        var firstId = await server.NextPipelineAsync();
        await server.SendAsync(firstId, new PipelineStateMessage(PSInvocationState.Completed));
        await first.WaitAsync(Prompt);

        await server.SendAsync(firstId, new PipelineOutput("late"));
        var second = pool.CreatePipeline().AddScript("y");
        var output = new List<PsObject?>();
        var run = Task.Run(async () =>
        {
            await foreach (var item in second.InvokeAsync())
            {
                output.Add(item);
            }
        });
        var secondId = await server.NextPipelineAsync();
        await server.SendAsync(secondId, new PipelineOutput("ok"));
        await server.SendAsync(secondId, new PipelineStateMessage(PSInvocationState.Completed));
        await run.WaitAsync(Prompt);

        Assert.Null(pool.Failure);
        Assert.Equal("ok", Assert.Single(output)!.ToString());
    }
}
