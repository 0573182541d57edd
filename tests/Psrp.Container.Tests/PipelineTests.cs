using Psrp.Tests.Shared;
using Psrp.Client;
using Psrp.Container.Tests.Fixture;
using Psrp.Messages;
using Psrp.Serialization;

namespace Psrp.Container.Tests;

/// <summary>Pools and pipelines through a real engine exec: output, every record stream, input, stop.</summary>
[Collection(DockerCollection.Name)]
public class PipelineTests(DockerEngineFixture docker)
{
    [Fact]
    public async Task OpensAPool_InsideTheContainer_AndRunsAScript()
    {
        var (pool, transport) = await docker.OpenAsync();
        await using (pool)
        {
            Assert.Equal(RunspacePoolState.Opened, pool.State);
            Assert.Equal(docker.Main.Id, transport.ContainerId);
            Assert.Equal(docker.Main.Name, transport.ContainerName);
            Assert.Equal("container", transport.Capabilities.Name);

            // The pool really runs in the container: its hostname is the container's short id, its pid namespace is its own.
            var results = await pool.InvokeScriptAsync("[System.Net.Dns]::GetHostName(); [System.IO.File]::Exists('/.dockerenv'); 1..3 | ForEach-Object { $_ * 2 }");
            Assert.Equal(docker.Main.Id[..12], results[0]!.BaseValue);
            Assert.Equal(true, results[1]!.BaseValue);
            Assert.Equal([2, 4, 6], results.Skip(2).Select(r => r!.BaseValue));
        }
    }

    [Fact]
    public async Task EveryRecordStream_ArrivesWithItsContent()
    {
        var (pool, _) = await docker.OpenAsync();
        await using (pool)
        {
            var pipeline = pool.CreatePipeline().AddScript(RemoteScripts.Streams);
            var output = await RemoteScripts.CollectAsync(pipeline.InvokeAsync());

            Assert.Equal("the output", Assert.Single(output)!.BaseValue);
            Assert.Equal("a warning", Assert.Single(pipeline.Streams.Warning).Message);
            Assert.Equal("some verbose", Assert.Single(pipeline.Streams.Verbose).Message);
            Assert.Equal("some debug", Assert.Single(pipeline.Streams.Debug).Message);
            var error = Assert.Single(pipeline.Streams.Error);
            Assert.Equal("an error", error.Message);
            Assert.StartsWith("TestErrorId", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.InvalidData, error.Category);
            var progress = pipeline.Streams.Progress.First(p => p.ActivityId == 7);
            Assert.Equal(("the activity", "the status", 40), (progress.Activity, progress.StatusDescription, progress.PercentComplete));
            var information = Assert.Single(pipeline.Streams.Information);
            Assert.Equal("some information", information.Text);
            Assert.Contains("tag1", information.Tags);
        }
    }

    [Fact]
    public async Task InputAndLargeOutput_CrossTheExecIntact()
    {
        var (pool, _) = await docker.OpenAsync();
        await using (pool)
        {
            var doubled = await RemoteScripts.CollectAsync(pool.CreatePipeline().AddScript("process { $_ * 2 }").InvokeAsync(Numbers(500)));
            Assert.Equal(Enumerable.Range(1, 500).Select(i => i * 2), doubled.Select(r => (int)r!.BaseValue!));

            // Several 32 KiB fragments and many exec frames: the demultiplexer must not lose or reorder bytes.
            var text = Assert.IsType<string>(Assert.Single(await pool.InvokeScriptAsync("-join (0..3 | ForEach-Object { [string]::new([char](97 + $_), 256KB) })"))!.BaseValue);
            Assert.Equal(1 << 20, text.Length);
            for (var i = 0; i < 4; i++)
            {
                Assert.True(text.AsSpan(i << 18, 1 << 18).IndexOfAnyExcept((char)('a' + i)) < 0, $"quarter {i} is corrupted");
            }
        }

        static async IAsyncEnumerable<object?> Numbers(int n)
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
    }

    [Fact]
    public async Task Stop_EndsAnInfiniteLoop_AndThePoolStaysUsable()
    {
        var (pool, _) = await docker.OpenAsync();
        await using (pool)
        {
            var pipeline = pool.CreatePipeline().AddScript("'started'; while ($true) {}");
            await using var items = pipeline.InvokeAsync().GetAsyncEnumerator();
            Assert.True(await items.MoveNextAsync());
            Assert.Equal("started", items.Current!.BaseValue);

            var clock = System.Diagnostics.Stopwatch.StartNew();
            await pipeline.StopAsync();
            await Assert.ThrowsAsync<PipelineStoppedException>(async () => await items.MoveNextAsync());
            Assert.Equal(PSInvocationState.Stopped, pipeline.State);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"stopping took {clock.Elapsed}");

            Assert.Equal(3, (await pool.InvokeScriptAsync("1 + 2")).Single()!.BaseValue);
        }
    }

    [Fact]
    public async Task RemoteFailure_IsAPipelineError_NotATransportError()
    {
        var (pool, _) = await docker.OpenAsync();
        await using (pool)
        {
            var ex = await Assert.ThrowsAsync<PipelineFailedException>(() => pool.InvokeScriptAsync("throw 'boom'"));
            Assert.Equal("boom", ex.ErrorRecord!.Message);
            Assert.Equal(2, (await pool.InvokeScriptAsync("1 + 1")).Single()!.BaseValue);
        }
    }
}
