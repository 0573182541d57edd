using Psrp.Tests.Shared;
using System.Diagnostics;
using Docker.DotNet.Models;
using Psrp.Client;
using Psrp.Container.Tests.Fixture;
using Psrp.Messages;
using Psrp.Providers.Container;
using Psrp.Transport;

namespace Psrp.Container.Tests;

/// <summary>How sessions end: the exec is gone after close, a stubborn server is killed, a dying container fails every waiter promptly.</summary>
[Collection(DockerCollection.Name)]
public class LifecycleTests(DockerEngineFixture docker)
{
    [Fact]
    public async Task ClosingThePool_EndsTheServerExec_ByClosingItsStdin()
    {
        var log = new RecordingLoggerFactory();
        var (pool, transport) = await docker.OpenAsync(loggerFactory: log);
        Assert.True(await docker.ExecRunningAsync(transport.ExecId));
        var clock = Stopwatch.StartNew();
        await pool.CloseAsync();
        var closed = clock.Elapsed;
        await pool.DisposeAsync();
        var disposed = clock.Elapsed;
        Assert.False(await docker.ExecRunningAsync(transport.ExecId));

        // PowerShell's server exits on end of input: no kill was needed.
        Assert.DoesNotContain(log.Lines, l => l.EventId == 3);
        Assert.True(disposed < TimeSpan.FromSeconds(2), $"close took {closed}, dispose {disposed - closed}");
    }

    [Fact]
    public async Task DisposingMidPipeline_EndsTheServerExec()
    {
        var (pool, transport) = await docker.OpenAsync();
        var pipeline = pool.CreatePipeline().AddScript("'go'; while ($true) {}");
        var items = pipeline.InvokeAsync().GetAsyncEnumerator();
        Assert.True(await items.MoveNextAsync());

        var clock = Stopwatch.StartNew();
        await transport.DisposeAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"closing took {clock.Elapsed}");
        Assert.False(await docker.ExecRunningAsync(transport.ExecId));
        await Assert.ThrowsAnyAsync<Exception>(async () => await items.MoveNextAsync());
        await items.DisposeAsync();
        await pool.DisposeAsync();
    }

    [Fact]
    public async Task AServerIgnoringEndOfInput_IsKilledAfterTheGracePeriod_WithItsChildren()
    {
        // sh forks sleep; neither reads stdin. Only the second (kill) exec can end them.
        var options = docker.Options() with
        {
            ServerExecutable = "/bin/sh",
            ServerArguments = ["-c", "sleep 600; echo unreachable"],
            ExitGracePeriod = TimeSpan.FromSeconds(1),
        };
        var log = new RecordingLoggerFactory();
        var transport = await new ContainerTransportProvider().ConnectAsync(options, log);
        await WaitUntilAsync(async () => (await docker.Client.Exec.InspectContainerExecAsync(transport.ExecId)).Pid > 0);

        var clock = Stopwatch.StartNew();
        await transport.DisposeAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"closing took {clock.Elapsed}");
        var exec = await docker.Client.Exec.InspectContainerExecAsync(transport.ExecId);
        Assert.False(exec.Running, log.ToString());
        Assert.Equal(137, exec.ExitCode);
        Assert.Contains(log.Lines, l => l.Message.Contains("did not exit within 1 s of its stdin closing; killing it", StringComparison.Ordinal));

        // No sleep survived in the container.
        var top = await docker.Client.Containers.ListProcessesAsync(docker.Main.Id, new ContainerListProcessesParameters());
        Assert.DoesNotContain(top.Processes, p => string.Join(' ', p).Contains("sleep 600", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ContainerStoppedMidPipeline_FailsEveryWaiterPromptly_WithATransportError()
    {
        var container = await docker.CreateContainerAsync("stopped");
        var transport = await new ContainerTransportProvider().ConnectAsync(docker.Options(container.Id));
        var pool = await RunspacePool.OpenAsync(transport, new RunspacePoolOptions { Settings = new Runspaces.RunspacePoolSettings { MaxRunspaces = 2 } });
        await using (pool)
        {
            var first = pool.CreatePipeline().AddScript("'go'; while ($true) {}");
            await using var items = first.InvokeAsync().GetAsyncEnumerator();
            Assert.True(await items.MoveNextAsync());
            var second = pool.InvokeScriptAsync("while ($true) {}");

            var clock = Stopwatch.StartNew();
            await docker.Client.Containers.KillContainerAsync(container.Id, new ContainerKillParameters { Signal = "KILL" });

            var ex = await Assert.ThrowsAsync<PsrpTransportException>(async () => await items.MoveNextAsync());
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the waiter learned of the stopped container after {clock.Elapsed}");
            Assert.Equal("container", ex.TransportName);
            Assert.Equal(TransportPhase.Receive, ex.Phase);
            Assert.True(ex.Message.Contains("the server closed the connection", StringComparison.Ordinal), ex.Message);
            Assert.True(ex.Message.Contains($"container {container.Name} is exited", StringComparison.Ordinal), ex.Message);
            await Assert.ThrowsAsync<PsrpTransportException>(() => second);
            Assert.Equal(RunspacePoolState.Broken, pool.State);
            await Assert.ThrowsAsync<PsrpTransportException>(() => pool.InvokeScriptAsync("1"));
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the condition did not come true within 10 s");
            await Task.Delay(50);
        }
    }
}
