using System.Text;
using Psrp.Client;
using Psrp.Messages;
using Psrp.Tests.Client.Support;
using Psrp.Transport;

namespace Psrp.Tests.Client;

/// <summary>
/// The receive loop (the one transports without a reader thread of their own use, as WSMan does)
/// must never end quietly: whatever goes wrong while handling received data fails the pool and its
/// pipelines with a typed error. Before, an exception it did not expect ended the loop, and a
/// running pipeline waited forever (issue #16, item 6).
/// </summary>
public class ReceiveStepFailureTests
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    private static async Task<Exception> RunUntilFailureAsync(RunspacePool pool)
    {
        var pipeline = pool.CreatePipeline().AddScript("x");
        return await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var _ in pipeline.InvokeAsync())
            {
            }
        }).WaitAsync(Prompt);
    }

    [Fact]
    public async Task A_bad_error_category_fails_the_running_pipeline_with_a_protocol_error()
    {
        var server = new ScriptedServerTransport();
        await using var pool = await RunspacePool.OpenAsync(server);
        var failure = RunUntilFailureAsync(pool);
        var id = await server.NextPipelineAsync();

        await server.SendRawAsync(id, MessageType.ErrorRecord, Encoding.UTF8.GetBytes(
            "<Obj RefId=\"0\"><MS><S N=\"FullyQualifiedErrorId\">x</S><S N=\"ErrorCategory_Category\">abc</S></MS></Obj>"));

        var error = Assert.IsType<PsrpTransportException>(await failure);
        Assert.IsType<PsrpProtocolException>(error.InnerException);
    }

    [Fact]
    public async Task An_unexpected_exception_in_the_receive_step_fails_the_pool_with_a_typed_error()
    {
        var server = new ScriptedServerTransport();
        await using var pool = await RunspacePool.OpenAsync(server);
        pool.UserEventReceived += _ => throw new InvalidOperationException("a handler's bug");
        var failure = RunUntilFailureAsync(pool);
        await server.NextPipelineAsync();

        await server.SendAsync(Guid.Empty, new UserEvent { EventIdentifier = 1, SourceIdentifier = "s" });

        var error = Assert.IsType<PsrpTransportException>(await failure);
        Assert.Contains("a handler's bug", error.Message, StringComparison.Ordinal);
        Assert.IsType<PsrpTransportException>(pool.Failure);
    }
}
