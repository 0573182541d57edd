using System.Diagnostics;
using Psrp.Client;
using Psrp.Providers.Process;
using Psrp.Transport;

namespace Psrp.Integration.Tests;

/// <summary>A dead or misbehaving server fails every waiter promptly with a typed error.</summary>
public class FailureTests
{
    [Fact]
    public async Task ServerKilledMidPipeline_FailsEveryWaiterWithATransportError()
    {
        var options = new RunspacePoolOptions { Settings = new Runspaces.RunspacePoolSettings { MaxRunspaces = 2 } };
        var (pool, transport) = await LocalServer.OpenAsync(options);
        await using (pool)
        {
            var first = pool.CreatePipeline().AddScript("'go'; while ($true) {}");
            await using var items = first.InvokeAsync().GetAsyncEnumerator();
            Assert.True(await items.MoveNextAsync());
            var second = pool.InvokeScriptAsync("while ($true) {}");

            // Frozen first, so the server cannot answer the request before it dies.
            using (var stop = Process.Start("kill", ["-STOP", transport.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await stop.WaitForExitAsync();
            }

            var request = pool.GetAvailableRunspacesAsync();

            var clock = Stopwatch.StartNew();
            using (var process = Process.GetProcessById(transport.ProcessId))
            {
                process.Kill();
            }

            var ex = await Assert.ThrowsAsync<PsrpTransportException>(async () => await items.MoveNextAsync());
            Assert.Equal(TransportPhase.Receive, ex.Phase);
            Assert.Equal("process", ex.TransportName);
            Assert.Contains("receiving", ex.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<PsrpTransportException>(() => second);
            await Assert.ThrowsAnyAsync<Exception>(() => request);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"waiters learned of the dead server after {clock.Elapsed}");
            Assert.Equal(Messages.RunspacePoolState.Broken, pool.State);
            await Assert.ThrowsAsync<PsrpTransportException>(() => pool.InvokeScriptAsync("1"));
        }
    }

    [Fact]
    public async Task GarbageOnTheServersStdout_IsAProtocolError()
    {
        var transport = await new ProcessTransportProvider().ConnectAsync(new ProcessTransportOptions
        {
            FileName = "/bin/sh",
            Arguments = ["-c", "read line; echo 'this is not a packet'; sleep 30"],
        });
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(() => RunspacePool.OpenAsync(transport));
        Assert.IsType<PsrpProtocolException>(ex.InnerException);
        Assert.Equal(PsrpProtocolError.InvalidPacket, ((PsrpProtocolException)ex.InnerException!).Code);
        Assert.Contains("this is not a packet", ex.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ServerThatExitsAtOnce_ReportsItsStderr()
    {
        var transport = await new ProcessTransportProvider().ConnectAsync(new ProcessTransportOptions
        {
            FileName = "/bin/sh",
            Arguments = ["-c", "echo 'endpoint configuration missing' >&2; exit 3"],
        });
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(() => RunspacePool.OpenAsync(transport));
        Assert.Contains("endpoint configuration missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingServerExecutable_IsAConnectError()
    {
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(async () =>
            await new ProcessTransportProvider().ConnectAsync(new ProcessTransportOptions { FileName = "/nonexistent/pwsh" }));
        Assert.Equal(TransportPhase.Connect, ex.Phase);
    }
}
