using Psrp.Host;
using Psrp.Messages;
using Psrp.Providers.WSMan.Soap;
using Psrp.Runspaces;
using Psrp.Serialization;

namespace Psrp.WSMan.Tests.Replay;

/// <summary>
/// The pool-open and pipeline sequences of psrp-facts §13, received through WinRM-shaped envelopes,
/// drive our client state machines to the states the captures end in.
/// </summary>
public sealed class StateMachineReplayTests
{
    private const string CommandId = "93A32A63-4E25-4DB2-8288-4D968D0DA65D";

    [Fact]
    public void GV1_then_GV2_and_GV3_take_the_pool_to_Opened_with_protocol_2_3()
    {
        var pool = new ClientRunspacePoolMachine(Guid.NewGuid(), new RunspacePoolSettings { ProtocolVersion = new Version(2, 3) });

        // What we send to open is what GV1 carries: SESSION_CAPABILITY then INIT_RUNSPACEPOOL.
        var sent = pool.Open();
        var gv1 = PayloadDecoder.Decode([Golden.Payload("gv1-creation")]);
        Assert.Equal(gv1.Select(m => m.Message.MessageType), sent.Select(p => p.MessageType));
        Assert.NotEqual(RunspacePoolState.Opened, pool.State);

        var events = new List<RunspacePoolEvent>();
        foreach (var envelope in new[]
        {
            WinRMEnvelopes.ReceiveResponse(Guid.NewGuid(), null, [Golden.Payload("gv2-session-capability"), Golden.Payload("gv2-application-private-data")]),
            WinRMEnvelopes.ReceiveResponse(Guid.NewGuid(), null, [Golden.Payload("gv3-runspacepool-state")]),
        })
        {
            foreach (var (_, body) in PayloadDecoder.Decode(WSManResponse.Parse(envelope, 1 << 20).Streams().Select(s => s.Bytes)))
            {
                if (pool.Receive(body) is { } e)
                {
                    events.Add(e);
                }
            }
        }

        Assert.Equal(RunspacePoolState.Opened, pool.State);
        Assert.Equal(new Version(2, 3), pool.ProtocolVersion);
        var privateData = Assert.Single(events.OfType<PrivateDataReceived>());
        Assert.True(privateData.Data.ContainsKey("PSVersionTable"));
    }

    [Fact]
    public void GV5_GV4_then_the_GV7_host_call_leave_the_pipeline_running_and_waiting_on_ReadLine()
    {
        var pipeline = new ClientPipelineMachine(Guid.Parse(CommandId));

        var create = Assert.IsType<CreatePipeline>(Assert.Single(PayloadDecoder.Decode([Golden.Payload("gv5-create-pipeline")])).Body);
        Assert.False(create.NoInput);
        pipeline.Invoke(create);

        var input = PayloadDecoder.Decode([Golden.Payload("gv4-pipeline-input")]).Select(m => m.Body).ToList();
        Assert.Equal(4, input.Count);
        foreach (var value in input.Take(3))
        {
            pipeline.Input(Assert.IsType<PipelineInput>(value).Value);
        }

        Assert.IsType<EndOfPipelineInput>(input[3]);
        pipeline.EndInput();
        Assert.Throws<InvalidOperationException>(() => pipeline.Input("after the end"));

        var response = WSManResponse.Parse(WinRMEnvelopes.ReceiveResponse(Guid.NewGuid(), CommandId, [Golden.Payload("gv7-host-call")], "Running"), 1 << 20);
        var stream = Assert.Single(response.Streams());
        var received = PayloadDecoder.Decode([stream.Bytes]);
        var hostCall = Assert.IsType<PipelineHostCallReceived>(pipeline.Receive(Assert.Single(received).Body));

        Assert.Equal(PSInvocationState.Running, pipeline.State);
        Assert.Equal(1, hostCall.Call.CallId);
        Assert.Equal(RemoteHostMethodId.ReadLine, hostCall.Call.MethodId);

        // The answer §13 records on stream pr echoes the call's id and method.
        var answer = Assert.IsType<RemoteHostResponse>(Assert.Single(PayloadDecoder.Decode([Golden.Payload("gv7-host-response")])).Body);
        Assert.Equal(hostCall.Call.CallId, answer.CallId);
        Assert.Equal(hostCall.Call.MethodId, answer.MethodId);
    }
}
