using Psrp.Messages;
using Psrp.Runspaces;
using Psrp.Serialization;

namespace Psrp.WSMan.Tests.Recorded;

/// <summary>
/// The recorded pool-open and pipeline sequences, fed in the order WinRM delivered them, take our
/// client state machines to the end states the recordings show.
/// </summary>
public sealed class ReplayStateMachineTests
{
    [Fact]
    public void The_recorded_open_takes_the_pool_to_Opened_with_protocol_2_3()
    {
        var recording = RecordedExchange.Load("test_psrp_open_runspace");
        var (pool, events) = OpenPool(recording);

        Assert.Equal(RunspacePoolState.Opened, pool.State);
        Assert.Equal(new Version(2, 3), pool.ProtocolVersion);
        var privateData = Assert.Single(events.OfType<PrivateDataReceived>());
        Assert.True(privateData.Data.ContainsKey("PSVersionTable"));
    }

    [Fact]
    public void The_recorded_pipeline_runs_to_Completed_as_the_server_reported_Done()
    {
        var recording = RecordedExchange.Load("test_psrp_run_protocol_version_2.3");
        var (pool, _) = OpenPool(recording);
        Assert.Equal(RunspacePoolState.Opened, pool.State);

        var receives = recording.Messages.Where(m => m.Action == "Receive" && m.Response.Streams().Any(s => s.CommandId is not null)).ToList();
        var commandId = receives.SelectMany(m => m.Response.Streams()).First(s => s.CommandId is not null).CommandId!.Value;
        var pipeline = new ClientPipelineMachine(commandId);
        pipeline.Invoke(new CreatePipeline { Statements = [[new PipelineCommand("recorded")]], NoInput = false });
        pipeline.EndInput();

        var events = new List<PipelineEvent>();
        foreach (var (message, body) in PayloadDecoder.Decode(receives.SelectMany(m => m.Response.Streams()).Where(s => s.CommandId == commandId).Select(s => s.Bytes)))
        {
            Assert.Equal(commandId, new Guid(message.PipelineId.ToByteArray(), bigEndian: true));
            if (pipeline.Receive(body) is { } e)
            {
                events.Add(e);
            }
        }

        var done = receives.Last().Response.CommandState();
        Assert.NotNull(done);
        Assert.True(done.IsDone);
        Assert.Equal(0, done.ExitCode);
        Assert.Equal(PSInvocationState.Completed, pipeline.State);

        // The script echoed its three input objects; its Write-Error was merged into output (MergeMyResult in GV5).
        var outputs = events.OfType<OutputReceived>().ToList();
        Assert.Equal(4, outputs.Count);
        Assert.Equal(2, events.OfType<InformationalReceived>().Count(e => e.Stream == MessageType.DebugRecord));
    }

    private static (ClientRunspacePoolMachine Pool, List<RunspacePoolEvent> Events) OpenPool(RecordedExchange recording)
    {
        var pool = new ClientRunspacePoolMachine(Guid.NewGuid(), new RunspacePoolSettings { ProtocolVersion = new Version(2, 3) });
        pool.Open();
        var shellStreams = recording.Messages
            .Where(m => m.Action == "Receive" && m.Status == 200)
            .SelectMany(m => m.Response.Streams())
            .Where(s => s.CommandId is null)
            .Select(s => s.Bytes);
        var events = new List<RunspacePoolEvent>();
        foreach (var (_, body) in PayloadDecoder.Decode(shellStreams))
        {
            if (pool.Receive(body) is { } e)
            {
                events.Add(e);
            }
        }

        return (pool, events);
    }
}
