using System.Diagnostics;
using System.Net;
using Psrp.Host;
using Psrp.Messages;

namespace Psrp.WSMan.Endpoint.Tests;

/// <summary>
/// When a Receive is answered: pipeline output waits to be sent with more (the PowerShell plugin sends
/// it without flush), a host call and the end of a pipeline are answered at once. A long linger makes
/// the difference visible without depending on the machine's speed.
/// </summary>
public sealed class OutputTimingTests : IAsyncLifetime
{
    private WSManTestEndpoint _endpoint = null!;

    public async Task InitializeAsync() =>
        _endpoint = await WSManTestEndpoint.StartAsync(new WSManEndpointOptions { AllowBasicOverHttp = true, HttpsPort = null, OutputLinger = TimeSpan.FromSeconds(30) });

    public async Task DisposeAsync() => await _endpoint.DisposeAsync();

    [Fact]
    public async Task A_short_pipeline_comes_back_in_one_ReceiveResponse_with_its_state_and_Done()
    {
        using var client = new RawWSMan(_endpoint.HttpUri, _endpoint.UserName, _endpoint.Password);
        var shellId = Guid.NewGuid().ToString("D").ToUpperInvariant();
        using var psrp = await ShellOperationTests.OpenAsync(client, shellId);
        try
        {
            var pipelineId = Guid.NewGuid();
            var commandId = pipelineId.ToString("D").ToUpperInvariant();
            var create = new CreatePipeline { Statements = [[new PipelineCommand("1..3", isScript: true)]] };
            await client.CommandAsync(shellId, commandId, psrp.ToServer(create, Golden.RunspacePoolId, pipelineId));

            var clock = Stopwatch.StartNew();
            var reply = await client.ReceiveAsync(shellId, commandId, "PT25S");
            clock.Stop();
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.NotNull(reply.CommandState);
            psrp.Feed(reply.Streams);
            Assert.Equal([MessageType.PipelineOutput, MessageType.PipelineOutput, MessageType.PipelineOutput, MessageType.PipelineState], psrp.Messages.Select(m => m.MessageType));
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
        }
        finally
        {
            await client.DeleteAsync(shellId);
        }
    }

    [Fact]
    public async Task A_host_call_is_answered_at_once_and_the_reply_on_pr_reaches_the_pipeline()
    {
        using var client = new RawWSMan(_endpoint.HttpUri, _endpoint.UserName, _endpoint.Password);
        var shellId = Guid.NewGuid().ToString("D").ToUpperInvariant();
        using var psrp = await ShellOperationTests.OpenAsync(client, shellId);
        try
        {
            var pipelineId = Guid.NewGuid();
            var commandId = pipelineId.ToString("D").ToUpperInvariant();
            var create = new CreatePipeline
            {
                Statements = [[new PipelineCommand("'before'; 'you typed ' + $host.UI.ReadLine()", isScript: true)]],
                HostInfo = new HostInfo { IsHostNull = false, IsHostUINull = false, IsHostRawUINull = true, UseRunspaceHost = false },
            };
            await client.CommandAsync(shellId, commandId, psrp.ToServer(create, Golden.RunspacePoolId, pipelineId));

            var clock = Stopwatch.StartNew();
            var reply = await client.ReceiveAsync(shellId, commandId, "PT25S");
            clock.Stop();
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Null(reply.CommandState);
            psrp.Feed(reply.Streams);
            Assert.Equal([MessageType.PipelineOutput, MessageType.PipelineHostCall], psrp.Messages.Select(m => m.MessageType));
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
            var call = psrp.Decode<RemoteHostCall>(psrp.Messages[1]);
            Assert.Equal(RemoteHostMethodId.ReadLine, call.MethodId);

            var answer = new RemoteHostResponse(call.CallId, call.MethodId) { ReturnValue = "hello", IsPipelineResponse = true };
            var sent = await client.SendAsync(shellId, commandId, "pr", psrp.ToServer(answer, Golden.RunspacePoolId, pipelineId));
            Assert.Equal(HttpStatusCode.OK, sent.Status);

            var done = await ShellOperationTests.ReceiveUntilAsync(client, psrp, shellId, commandId, _ => false);
            Assert.NotNull(done.CommandState);
            var last = psrp.Messages.Where(m => m.MessageType == MessageType.PipelineOutput).Select(m => psrp.Decode<PipelineOutput>(m).Value).Last();
            Assert.Equal("you typed hello", last);
        }
        finally
        {
            await client.DeleteAsync(shellId);
        }
    }
}
