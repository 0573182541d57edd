using Psrp.Client;
using Psrp.Host;
using Psrp.Messages;
using Psrp.Serialization;
using Psrp.Tests.Client.Support;

namespace Psrp.Tests.Host;

/// <summary>
/// A host call whose parameters do not fit the method (issue #16, item 5: "abc" where an int is
/// expected) is answered with an error response, as PowerShell's client answers a host call that
/// throws, and the calls after it are served: an exception escaping the dispatcher ended the
/// host-call loop, and every later host call waited forever for its answer.
/// </summary>
public class IllTypedHostCallTests
{
    private sealed class AnsweringUI : NonInteractiveHostUI
    {
        public override ValueTask<string> ReadLineAsync(CancellationToken cancellationToken) => ValueTask.FromResult("typed");
    }

    private sealed class BuggyUI : NonInteractiveHostUI
    {
        public override ValueTask<string> ReadLineAsync(CancellationToken cancellationToken) => throw new KeyNotFoundException("a bug in the host");
    }

    private static RemoteHostCall Choice(long callId, object? defaultChoice) => new(
        callId,
        RemoteHostMethodId.PromptForChoice,
        ["caption", "message", new PsList([PsObject.CreateCustomObject(("label", "&Yes"), ("helpMessage", ""))]), defaultChoice])
    {
        IsPipelineCall = true,
    };

    private static ValueTask<PsSecureString> NoSecureStrings(string text, CancellationToken ct) => throw new NotSupportedException();

    [Fact]
    public async Task A_parameter_of_the_wrong_type_is_answered_with_an_error()
    {
        var response = await HostCallDispatcher.InvokeAsync(new PsrpHost(new AnsweringUI()), Choice(7, "abc"), NoSecureStrings, CancellationToken.None);

        Assert.NotNull(response);
        Assert.Equal(7, response.CallId);
        Assert.NotNull(response.Error);
        Assert.Null(response.ReturnValue);
    }

    [Fact]
    public async Task A_host_that_throws_anything_is_answered_with_an_error()
    {
        var host = new PsrpHost(new BuggyUI());
        var call = new RemoteHostCall(3, RemoteHostMethodId.ReadLine, []) { IsPipelineCall = true };

        var response = await HostCallDispatcher.InvokeAsync(host, call, NoSecureStrings, CancellationToken.None);

        Assert.Contains("a bug in the host", response!.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_call_still_ends_with_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var host = new PsrpHost(new CancellingUI());
        var call = new RemoteHostCall(3, RemoteHostMethodId.ReadLine, []) { IsPipelineCall = true };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => HostCallDispatcher.InvokeAsync(host, call, NoSecureStrings, cancelled.Token).AsTask());
    }

    [Fact]
    public async Task Host_calls_after_an_ill_typed_one_are_served()
    {
        var server = new ScriptedServerTransport();
        await using var pool = await RunspacePool.OpenAsync(server, new RunspacePoolOptions { Host = new PsrpHost(new AnsweringUI()) });
        var pipeline = pool.CreatePipeline().AddScript("x");
        var run = Task.Run(async () =>
        {
            await foreach (var _ in pipeline.InvokeAsync())
            {
            }
        });
        var id = await server.NextPipelineAsync();

        await server.SendAsync(id, Choice(1, "abc"));
        var first = await server.NextFromClientAsync(TimeSpan.FromSeconds(10));
        await server.SendAsync(id, new RemoteHostCall(2, RemoteHostMethodId.ReadLine, []) { IsPipelineCall = true });
        var second = await server.NextFromClientAsync(TimeSpan.FromSeconds(10));
        await server.SendAsync(id, new PipelineStateMessage(PSInvocationState.Completed));
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        var error = Assert.IsType<RemoteHostResponse>(first?.Body);
        Assert.Equal(1, error.CallId);
        Assert.NotNull(error.Error);
        var answer = Assert.IsType<RemoteHostResponse>(second?.Body);
        Assert.Equal(2, answer.CallId);
        Assert.Equal("typed", answer.ReturnValue);
    }

    private sealed class CancellingUI : NonInteractiveHostUI
    {
        public override ValueTask<string> ReadLineAsync(CancellationToken cancellationToken) => ValueTask.FromCanceled<string>(cancellationToken);
    }
}
