using Psrp.Tests.Shared;
using System.Runtime.CompilerServices;
using Psrp.Client;
using Psrp.Messages;
using Psrp.Serialization;

namespace Psrp.Integration.Tests;

/// <summary>Running pipelines on PowerShell's own server: output, every record stream, input, big data, stop, failure, concurrency.</summary>
public class PipelineTests
{
    [Fact]
    public async Task Output_ArrivesInOrder_WithTypes()
    {
        var (pool, _) = await LocalServer.OpenAsync();
        await using (pool)
        {
            var results = await RemoteScripts.CollectAsync(pool.CreatePipeline()
                .AddScript("1..3; 'text'; [pscustomobject]@{Name='n'; Value=[long]5}; $null")
                .InvokeAsync());
            Assert.Equal(6, results.Count);
            Assert.Equal([1, 2, 3], results.Take(3).Select(r => r!.BaseValue));
            Assert.Equal("text", results[3]!.BaseValue);
            Assert.Equal("System.Management.Automation.PSCustomObject", results[4]!.TypeNames.MostDerived?.Replace("Deserialized.", "", StringComparison.Ordinal));
            Assert.Equal("n", results[4]!["Name"]);
            Assert.Equal(5L, results[4]!["Value"]);
            Assert.Null(results[5]);
        }
    }

    [Fact]
    public async Task Output_ReachesTheConsumer_WhileTheServerIsQuiet()
    {
        // Output is handed over in batches; a batch left open when the server goes quiet must
        // still arrive within the batch window, not when the pipeline ends.
        var (pool, _) = await LocalServer.OpenAsync(new RunspacePoolOptions { OutputBatchWindow = TimeSpan.FromMilliseconds(20) });
        await using (pool)
        {
            var pipeline = pool.CreatePipeline().AddScript("'first'; [System.Threading.Thread]::Sleep(6000); 'second'");
            await using var items = pipeline.InvokeAsync().GetAsyncEnumerator();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Assert.True(await items.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal("first", items.Current!.BaseValue);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"the first object arrived after {clock.Elapsed}, with the pipeline's end");
            Assert.Equal(PSInvocationState.Running, pipeline.State);
        }
    }

    [Fact]
    public async Task CommandsParametersArgumentsAndStatements_Run()
    {
        var (pool, _) = await LocalServer.OpenAsync();
        await using (pool)
        {
            var results = await RemoteScripts.CollectAsync(pool.CreatePipeline()
                .AddScript("param($a, $b) \"$a-$b\"").AddArgument("x").AddParameter("b", 7)
                .AddStatement()
                .AddCommand("Get-Command").AddParameter("Name", "ForEach-Object")
                .AddCommand("ForEach-Object").AddParameter("MemberName", "Name")
                .InvokeAsync());
            Assert.Equal(["x-7", "ForEach-Object"], results.Select(r => r!.BaseValue));
        }
    }

    [Fact]
    public async Task EveryRecordStream_ArrivesWithItsContent()
    {
        var (pool, _) = await LocalServer.OpenAsync();
        await using (pool)
        {
            var pipeline = pool.CreatePipeline().AddScript(RemoteScripts.Streams);
            var seen = new List<string>();
            pipeline.Streams.WarningAdded += r => seen.Add("warning");
            pipeline.Streams.ErrorAdded += r => seen.Add("error");
            var output = await RemoteScripts.CollectAsync(pipeline.InvokeAsync());

            Assert.Equal("the output", Assert.Single(output)!.BaseValue);
            Assert.Equal("a warning", Assert.Single(pipeline.Streams.Warning).Message);
            Assert.Equal("some verbose", Assert.Single(pipeline.Streams.Verbose).Message);
            Assert.Equal("some debug", Assert.Single(pipeline.Streams.Debug).Message);
            var error = Assert.Single(pipeline.Streams.Error);
            Assert.Equal("an error", error.Message);
            Assert.StartsWith("TestErrorId", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.InvalidData, error.Category);
            Assert.Equal("the target", error.TargetObject);
            Assert.Equal("System.InvalidOperationException", error.ExceptionTypeName);
            var progress = pipeline.Streams.Progress.First(p => p.ActivityId == 7);
            Assert.Equal(("the activity", "the status", 40), (progress.Activity, progress.StatusDescription, progress.PercentComplete));
            var information = Assert.Single(pipeline.Streams.Information);
            Assert.Equal("some information", information.Text);
            Assert.Contains("tag1", information.Tags);
            Assert.Equal(["warning", "error"], seen);
        }
    }

    [Fact]
    public async Task RemoteFailure_ThrowsWithTheRemoteErrorRecord()
    {
        var (pool, _) = await LocalServer.OpenAsync();
        await using (pool)
        {
            var ex = await Assert.ThrowsAsync<PipelineFailedException>(() => RemoteScripts.CollectAsync(pool.CreatePipeline().AddScript("'before'; throw 'boom'").InvokeAsync()));
            Assert.NotNull(ex.ErrorRecord);
            Assert.Equal("boom", ex.ErrorRecord.Message);
            Assert.Equal("boom", ex.ErrorRecord.FullyQualifiedErrorId);
            Assert.Contains("boom", ex.Message, StringComparison.Ordinal);

            var missing = await Assert.ThrowsAsync<PipelineFailedException>(() => RemoteScripts.CollectAsync(pool.CreatePipeline().AddCommand("Get-DoesNotExist").InvokeAsync()));
            Assert.Equal("CommandNotFoundException", missing.ErrorRecord!.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, missing.ErrorRecord.Category);

            // The pool survives a failed pipeline.
            Assert.Equal(2, (await pool.InvokeScriptAsync("1 + 1")).Single()!.BaseValue);
        }
    }

    [Fact]
    public async Task FiftyThousandObjects_StreamWithBoundedClientMemory()
    {
        var (pool, _) = await LocalServer.OpenAsync();
        await using (pool)
        {
            var count = 0;
            long sum = 0;
            long peak = 0;
            await foreach (var item in pool.CreatePipeline()
                .AddScript("1..50000 | ForEach-Object { [pscustomobject]@{A=$_; B='abcdefghijklmnopqrst'} }")
                .InvokeAsync())
            {
                count++;
                sum += (int)item!["A"]!;
                if (count == 10)
                {
                    // A stalled consumer: the server keeps producing, the client must not keep buffering.
                    await Task.Delay(3000);
                    peak = GC.GetTotalMemory(forceFullCollection: true);
                }
                else if (count % 10000 == 0)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                }
            }

            Assert.Equal(50000, count);
            Assert.Equal(50000L * 50001 / 2, sum);
            Assert.True(peak < 64L << 20, $"client heap reached {peak >> 20} MiB while streaming");
        }
    }

    [Fact]
    public async Task SixteenMiBString_ArrivesIntact()
    {
        var (pool, _) = await LocalServer.OpenAsync();
        await using (pool)
        {
            var result = await pool.InvokeScriptAsync("-join (0..15 | ForEach-Object { [string]::new([char](97 + $_), 1MB) })");
            var text = Assert.IsType<string>(Assert.Single(result)!.BaseValue);
            Assert.Equal(16 << 20, text.Length);
            for (var i = 0; i < 16; i++)
            {
                Assert.True(text.AsSpan(i << 20, 1 << 20).IndexOfAnyExcept((char)('a' + i)) < 0, $"megabyte {i} is corrupted");
            }
        }
    }

    [Fact]
    public async Task StreamedInput_ReachesThePipeline()
    {
        var (pool, _) = await LocalServer.OpenAsync();
        await using (pool)
        {
            var results = await RemoteScripts.CollectAsync(pool.CreatePipeline()
                .AddScript("process { $_ * 2 }")
                .InvokeAsync(Numbers(1000)));
            Assert.Equal(Enumerable.Range(1, 1000).Select(i => i * 2), results.Select(r => (int)r!.BaseValue!));

            var big = await RemoteScripts.CollectAsync(pool.CreatePipeline()
                .AddScript("$input | ForEach-Object { $_.Length } ")
                .InvokeAsync(BigStrings()));
            Assert.Equal([100_000, 200_000], big.Select(r => (int)r!.BaseValue!));
        }

        static async IAsyncEnumerable<object?> Numbers(int n, [EnumeratorCancellation] CancellationToken ct = default)
        {
            for (var i = 1; i <= n; i++)
            {
                if (i % 100 == 0)
                {
                    await Task.Yield();
                }

                yield return i;
            }
        }

        static async IAsyncEnumerable<object?> BigStrings()
        {
            await Task.Yield();
            yield return new string('x', 100_000);
            yield return new string('y', 200_000);
        }
    }

    [Fact]
    public async Task Stop_EndsAnInfiniteLoop_AndThePoolStaysUsable()
    {
        var (pool, _) = await LocalServer.OpenAsync();
        await using (pool)
        {
            var pipeline = pool.CreatePipeline().AddScript("'started'; while ($true) {}");
            await using var items = pipeline.InvokeAsync().GetAsyncEnumerator();
            Assert.True(await items.MoveNextAsync());
            Assert.Equal("started", items.Current!.BaseValue);

            var stopped = System.Diagnostics.Stopwatch.StartNew();
            await pipeline.StopAsync();
            await Assert.ThrowsAsync<PipelineStoppedException>(async () => await items.MoveNextAsync());
            Assert.Equal(PSInvocationState.Stopped, pipeline.State);
            Assert.True(stopped.Elapsed < TimeSpan.FromSeconds(15), $"stopping took {stopped.Elapsed}");

            Assert.Equal(3, (await pool.InvokeScriptAsync("1 + 2")).Single()!.BaseValue);
        }
    }

    [Fact]
    public async Task StoppingAFloodingPipeline_WhileNotReading_DoesNotDeadlock()
    {
        var (pool, _) = await LocalServer.OpenAsync();
        await using (pool)
        {
            var pipeline = pool.CreatePipeline().AddScript("while ($true) { 'x' * 100 }");
            await using var items = pipeline.InvokeAsync().GetAsyncEnumerator();
            Assert.True(await items.MoveNextAsync());

            // Let the output buffer fill up while nobody reads, then stop.
            await Task.Delay(1000);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await pipeline.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(PSInvocationState.Stopped, pipeline.State);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {clock.Elapsed}");
        }
    }

    [Fact]
    public async Task LeavingTheEnumerationEarly_StopsAFloodingPipelinePromptly()
    {
        var (pool, _) = await LocalServer.OpenAsync();
        await using (pool)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var count = 0;
            await foreach (var item in pool.CreatePipeline().AddScript("while ($true) { 'y' }").InvokeAsync())
            {
                if (++count == 5000)
                {
                    break;
                }
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"leaving took {clock.Elapsed}");
            Assert.Equal(2, (await pool.InvokeScriptAsync("1 + 1")).Single()!.BaseValue);
        }
    }

    [Fact]
    public async Task CancellingTheEnumeration_StopsTheRemotePipeline()
    {
        var (pool, _) = await LocalServer.OpenAsync();
        await using (pool)
        {
            using var cts = new CancellationTokenSource();
            var pipeline = pool.CreatePipeline().AddScript("'started'; while ($true) {}");
            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var item in pipeline.InvokeAsync(cancellationToken: cts.Token))
                {
                    cts.Cancel();
                }
            });
            Assert.Equal(PSInvocationState.Stopped, pipeline.State);
            Assert.Equal(1, (await pool.InvokeScriptAsync("1")).Single()!.BaseValue);
        }
    }

    [Fact]
    public async Task CancellingAStartTheServerHasNotAcked_IsPrompt_AndThePoolStillClosesCleanly()
    {
        var (pool, transport) = await LocalServer.OpenAsync();
        await using (pool)
        {
            // Frozen, the server cannot ack the pipeline's Command: the start is given up while that ack is due.
            await LocalServer.SignalAsync(transport.ProcessId, "-STOP");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
                await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
                {
                    await foreach (var item in pool.CreatePipeline().AddScript("'never'").InvokeAsync(cancellationToken: cts.Token))
                    {
                    }
                });
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"giving up the start took {clock.Elapsed}");
            }
            finally
            {
                await LocalServer.SignalAsync(transport.ProcessId, "-CONT");
            }

            // The abandoned channel gets closed: the server still runs pipelines and acks the pool's close
            // (it would not while a channel it opened stayed open).
            Assert.Equal(2, (await pool.InvokeScriptAsync("1 + 1")).Single()!.BaseValue);
            using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var closing = System.Diagnostics.Stopwatch.StartNew();
            await pool.CloseAsync(closeTimeout.Token);
            Assert.True(closing.Elapsed < TimeSpan.FromSeconds(10), $"closing took {closing.Elapsed}");
            Assert.Equal(Messages.RunspacePoolState.Closed, pool.State);
        }
    }

    [Fact]
    public async Task ConcurrentPipelines_RunOnOnePool()
    {
        var options = new RunspacePoolOptions { Settings = new Runspaces.RunspacePoolSettings { MaxRunspaces = 3 } };
        var (pool, _) = await LocalServer.OpenAsync(options);
        await using (pool)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var tasks = Enumerable.Range(0, 3).Select(i => pool.InvokeScriptAsync($"[System.Threading.Thread]::Sleep(1500); {i}")).ToArray();
            var results = await Task.WhenAll(tasks);
            Assert.Equal([0, 1, 2], results.Select(r => (int)r.Single()!.BaseValue!));

            // Three 1.5 s sleeps in parallel, not in sequence.
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(4), $"took {started.Elapsed}");
        }
    }
}
