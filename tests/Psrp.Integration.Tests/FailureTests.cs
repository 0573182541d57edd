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
            await LocalServer.SignalAsync(transport.ProcessId, "-STOP");

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
        Assert.True(ex.Message.Contains("endpoint configuration missing", StringComparison.Ordinal), ex.ToString());
    }

    [Fact]
    public async Task OpeningOnAServerThatNeverAnswers_TimesOut_AndTheServerIsKilled()
    {
        var transport = await new ProcessTransportProvider().ConnectAsync(LocalServer.TransportOptions);
        await LocalServer.SignalAsync(transport.ProcessId, "-STOP");
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(() =>
            RunspacePool.OpenAsync(transport, new RunspacePoolOptions { OpenTimeout = TimeSpan.FromSeconds(2) }));
        Assert.Equal(TransportPhase.OpenRunspacePool, ex.Phase);
        Assert.Contains("did not open the runspace pool within 2 s", ex.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the open gave up after {clock.Elapsed}");
        await AssertEndedAsync(transport.ProcessId);
    }

    [Fact]
    public async Task OpeningOnAServerThatNeverAnswers_CanBeCancelled_AndTheServerIsKilled()
    {
        var transport = await new ProcessTransportProvider().ConnectAsync(LocalServer.TransportOptions);
        await LocalServer.SignalAsync(transport.ProcessId, "-STOP");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunspacePool.OpenAsync(transport, cancellationToken: cancel.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"cancelling the open took {clock.Elapsed}");
        await AssertEndedAsync(transport.ProcessId);
    }

    [Fact]
    public async Task ClosingAPoolWhoseServerFroze_IsBoundedByCloseTimeout_AndTheServerIsKilled()
    {
        var (pool, transport) = await LocalServer.OpenAsync(new RunspacePoolOptions { CloseTimeout = TimeSpan.FromSeconds(2) });
        Assert.Equal(2, (await pool.InvokeScriptAsync("1 + 1")).Single()!.BaseValue);
        await LocalServer.SignalAsync(transport.ProcessId, "-STOP");
        var clock = Stopwatch.StartNew();
        await pool.CloseAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"closing took {clock.Elapsed}");
        await AssertEndedAsync(transport.ProcessId);
    }

    [Fact]
    public async Task CancellingAPipelineWhoseServerFrozeMidStream_ReturnsWithinTwoSeconds()
    {
        // Issue #16 item 10: the stop the cancellation sends is never answered by a frozen server;
        // the caller still gets control back promptly.
        var (pool, transport) = await LocalServer.OpenAsync();
        await using (pool)
        {
            try
            {
                using var cts = new CancellationTokenSource();
                var clock = new Stopwatch();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
                {
                    await foreach (var item in pool.CreatePipeline().AddScript("1..100000000 | ForEach-Object { $_ }").InvokeAsync(cancellationToken: cts.Token))
                    {
                        if (!clock.IsRunning)
                        {
                            await LocalServer.SignalAsync(transport.ProcessId, "-STOP");
                            clock.Start();
                            cts.Cancel();
                        }
                    }
                });
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"cancelling took {clock.Elapsed}");
            }
            finally
            {
                await LocalServer.SignalAsync(transport.ProcessId, "-CONT");
            }
        }
    }

    /// <summary>The failed open disposed the transport, which must not leave the (frozen) server behind.</summary>
    private static async Task AssertEndedAsync(int processId)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            try
            {
                using var process = Process.GetProcessById(processId);
                if (process.HasExited)
                {
                    return;
                }
            }
            catch (ArgumentException)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"server process {processId} is still running after the failed open");
    }

    [Fact]
    public async Task MissingServerExecutable_IsAConnectError()
    {
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(async () =>
            await new ProcessTransportProvider().ConnectAsync(new ProcessTransportOptions { FileName = "/nonexistent/pwsh" }));
        Assert.Equal(TransportPhase.Connect, ex.Phase);
    }
}
