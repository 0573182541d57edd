using Psrp.Messages;
using Psrp.Runspaces;

namespace Psrp.Tests.Runspaces;

/// <summary>The pool and pipeline state machines, driven without I/O.</summary>
public class StateMachineTests
{
    private static ClientRunspacePoolMachine OpenedPool()
    {
        var pool = new ClientRunspacePoolMachine(Guid.NewGuid(), new RunspacePoolSettings());
        pool.Open();
        pool.Receive(SessionCapability.ForClient(new Version(2, 4)));
        pool.Receive(new RunspacePoolStateMessage(RunspacePoolState.Opened));
        return pool;
    }

    [Fact]
    public void Open_SendsCapabilityThenInit()
    {
        var pool = new ClientRunspacePoolMachine(Guid.NewGuid(), new RunspacePoolSettings { MaxRunspaces = 3 });
        var bodies = pool.Open();
        Assert.IsType<SessionCapability>(bodies[0]);
        Assert.Equal(3, Assert.IsType<InitRunspacePool>(bodies[1]).MaxRunspaces);
        Assert.Equal(RunspacePoolState.Opening, pool.State);
        Assert.Throws<InvalidOperationException>(() => pool.Open());
    }

    [Theory]
    [InlineData("2.4", "2.4")]
    [InlineData("2.4", "2.3")]
    [InlineData("2.3", "2.2")]
    public void Negotiation_TakesTheServersAnswer(string client, string server)
    {
        var pool = new ClientRunspacePoolMachine(Guid.NewGuid(), new RunspacePoolSettings { ProtocolVersion = Version.Parse(client) });
        pool.Open();
        var negotiated = Assert.IsType<ProtocolNegotiated>(pool.Receive(SessionCapability.ForClient(Version.Parse(server))));
        Assert.Equal(Version.Parse(server), negotiated.ProtocolVersion);
        Assert.Equal(Version.Parse(server), pool.ProtocolVersion);
    }

    [Fact]
    public void Negotiation_RejectsANewerServerVersion()
    {
        var pool = new ClientRunspacePoolMachine(Guid.NewGuid(), new RunspacePoolSettings { ProtocolVersion = new Version(2, 3) });
        pool.Open();
        Assert.Equal(PsrpProtocolError.InvalidValue, Assert.Throws<PsrpProtocolException>(() => pool.Receive(SessionCapability.ForClient(new Version(2, 4)))).Code);
    }

    [Fact]
    public void ServerStates_MoveThePool()
    {
        var pool = OpenedPool();
        Assert.Equal(RunspacePoolState.Opened, pool.State);
        var broken = Assert.IsType<PoolStateChanged>(pool.Receive(new RunspacePoolStateMessage(RunspacePoolState.Broken)));
        Assert.Equal(RunspacePoolState.Broken, broken.State);
        Assert.Throws<PsrpProtocolException>(() => pool.Receive(new RunspacePoolStateMessage(RunspacePoolState.Opened)));
    }

    [Fact]
    public void OpenedBeforeOpen_IsAProtocolError()
    {
        var pool = new ClientRunspacePoolMachine(Guid.NewGuid(), new RunspacePoolSettings());
        Assert.Equal(PsrpProtocolError.UnexpectedMessage, Assert.Throws<PsrpProtocolException>(() => pool.Receive(new RunspacePoolStateMessage(RunspacePoolState.Opened))).Code);
    }

    [Fact]
    public void PipelineMessagesOnThePool_AreProtocolErrors() =>
        Assert.Throws<PsrpProtocolException>(() => OpenedPool().Receive(new PipelineOutput(1)));

    [Fact]
    public void ResetRunspaceState_NeedsProtocol23()
    {
        var pool = new ClientRunspacePoolMachine(Guid.NewGuid(), new RunspacePoolSettings { ProtocolVersion = new Version(2, 3) });
        pool.Open();
        pool.Receive(SessionCapability.ForClient(new Version(2, 2)));
        pool.Receive(new RunspacePoolStateMessage(RunspacePoolState.Opened));
        Assert.Throws<NotSupportedException>(() => pool.ResetRunspaceState());
    }

    [Fact]
    public void Pipeline_RunsToCompletion()
    {
        var pipeline = new ClientPipelineMachine(Guid.NewGuid());
        pipeline.Invoke(new CreatePipeline { Statements = [[new PipelineCommand("x")]], NoInput = false });
        Assert.IsType<PipelineInput>(pipeline.Input(1));
        Assert.IsType<EndOfPipelineInput>(pipeline.EndInput());
        Assert.Throws<InvalidOperationException>(() => pipeline.Input(2));
        Assert.Equal(5, Assert.IsType<OutputReceived>(pipeline.Receive(new PipelineOutput(5))).Value);
        var done = Assert.IsType<PipelineStateChanged>(pipeline.Receive(new PipelineStateMessage(PSInvocationState.Completed)));
        Assert.Equal(PSInvocationState.Completed, done.State);
        Assert.True(pipeline.IsFinished);

        // Records still in flight after the end are dropped, a second terminal state is ignored.
        Assert.Null(pipeline.Receive(new PipelineOutput(6)));
        Assert.Null(pipeline.Receive(new PipelineStateMessage(PSInvocationState.Stopped)));
        Assert.Equal(PSInvocationState.Completed, pipeline.State);
    }

    [Fact]
    public void Pipeline_StopsAndFails()
    {
        var pipeline = new ClientPipelineMachine(Guid.NewGuid());
        pipeline.Invoke(new CreatePipeline { Statements = [[new PipelineCommand("x")]] });
        Assert.Throws<InvalidOperationException>(() => pipeline.Input(1));
        Assert.True(pipeline.Fire(PipelineTrigger.Stop));
        Assert.Equal(PSInvocationState.Stopping, pipeline.State);
        pipeline.Receive(new PipelineStateMessage(PSInvocationState.Stopped));
        Assert.Equal(PSInvocationState.Stopped, pipeline.State);

        var failing = new ClientPipelineMachine(Guid.NewGuid());
        failing.Invoke(new CreatePipeline { Statements = [[new PipelineCommand("x")]] });
        Assert.True(failing.Fire(PipelineTrigger.TransportFailed));
        Assert.Equal(PSInvocationState.Failed, failing.State);
    }

    [Fact]
    public void Pipeline_WhoseStartWasCancelled_IsStopped_AndIgnoresLateStates()
    {
        var pipeline = new ClientPipelineMachine(Guid.NewGuid());
        Assert.False(pipeline.Fire(PipelineTrigger.StartCancelled));
        pipeline.Invoke(new CreatePipeline { Statements = [[new PipelineCommand("x")]] });
        Assert.True(pipeline.Fire(PipelineTrigger.StartCancelled));
        Assert.Equal(PSInvocationState.Stopped, pipeline.State);
        Assert.True(pipeline.IsFinished);
        pipeline.Receive(new PipelineStateMessage(PSInvocationState.Completed));
        Assert.Equal(PSInvocationState.Stopped, pipeline.State);
    }

    [Fact]
    public void Pipeline_CannotBeInvokedTwice()
    {
        var pipeline = new ClientPipelineMachine(Guid.NewGuid());
        pipeline.Invoke(new CreatePipeline { Statements = [[new PipelineCommand("x")]] });
        Assert.Throws<InvalidOperationException>(() => pipeline.Invoke(new CreatePipeline { Statements = [[new PipelineCommand("x")]] }));
    }

    [Fact]
    public void Tables_HaveNoTransitionOutOfTerminalStates()
    {
        Assert.DoesNotContain(ClientPipelineMachine.Table.Transitions, t => t.From is PSInvocationState.Completed or PSInvocationState.Failed or PSInvocationState.Stopped);
        Assert.DoesNotContain(ClientRunspacePoolMachine.Table.Transitions, t => t.From is RunspacePoolState.Closed or RunspacePoolState.Broken);
    }
}
