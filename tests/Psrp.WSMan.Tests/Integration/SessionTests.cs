using System.Diagnostics;
using Psrp.Client;
using Psrp.Messages;
using Psrp.Tests.Shared;

namespace Psrp.WSMan.Tests.Integration;

/// <summary>
/// Pipelines over WSMan against the test endpoint (a real PowerShell server behind it), over HTTP
/// and HTTPS: output, every record stream, piped input, host calls answered on <c>pr</c>, stop,
/// and concurrent pipelines each with their own Receive.
/// </summary>
public sealed class SessionTests(PoolFixture fixture) : IClassFixture<PoolFixture>
{
    public static TheoryData<bool> Schemes => new() { false, true };

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Every_record_stream_arrives_with_its_content(bool https)
    {
        var pipeline = fixture.Pool(https).CreatePipeline().AddScript(RemoteScripts.Streams);
        var output = await RemoteScripts.CollectAsync(pipeline.InvokeAsync());

        Assert.Equal("the output", Assert.Single(output)!.BaseValue);
        Assert.Equal("a warning", Assert.Single(pipeline.Streams.Warning).Message);
        Assert.Equal("some verbose", Assert.Single(pipeline.Streams.Verbose).Message);
        Assert.Equal("some debug", Assert.Single(pipeline.Streams.Debug).Message);
        var error = Assert.Single(pipeline.Streams.Error);
        Assert.Equal("an error", error.Message);
        Assert.Equal("the target", error.TargetObject);
        var progress = pipeline.Streams.Progress.First(p => p.ActivityId == 7);
        Assert.Equal(("the activity", "the status", 40), (progress.Activity, progress.StatusDescription, progress.PercentComplete));
        Assert.Equal("some information", Assert.Single(pipeline.Streams.Information).Text);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Piped_input_reaches_the_pipeline(bool https)
    {
        var pipeline = fixture.Pool(https).CreatePipeline().AddScript("$input | ForEach-Object { $_ * 2 }");
        var output = await RemoteScripts.CollectAsync(pipeline.InvokeAsync(Numbers(500)));
        Assert.Equal(Enumerable.Range(1, 500).Select(i => i * 2), output.Select(o => Convert.ToInt32(o!.BaseValue, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task A_host_call_is_answered_on_the_prompt_response_stream(bool https)
    {
        var result = await fixture.Pool(https).InvokeScriptAsync("'got: ' + $host.UI.ReadLine()");
        Assert.Equal("got: typed over pr", Assert.Single(result)!.BaseValue);
        Assert.Contains("ReadLine", fixture.Host(https).TestUI.Calls);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Stop_ends_an_infinite_loop_and_the_pool_stays_usable(bool https)
    {
        var pool = fixture.Pool(https);
        var pipeline = pool.CreatePipeline().AddScript("'started'; while ($true) {}");
        await using var items = pipeline.InvokeAsync().GetAsyncEnumerator();
        Assert.True(await items.MoveNextAsync());
        Assert.Equal("started", items.Current!.BaseValue);

        var clock = Stopwatch.StartNew();
        await pipeline.StopAsync();
        await Assert.ThrowsAsync<PipelineStoppedException>(async () => await items.MoveNextAsync());
        Assert.Equal(PSInvocationState.Stopped, pipeline.State);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"stopping took {clock.Elapsed}");
        Assert.Equal(3, (await pool.InvokeScriptAsync("1 + 2")).Single()!.BaseValue);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Concurrent_pipelines_each_receive_on_their_own(bool https)
    {
        // The slow pipeline holds its Receive open for seconds; the quick one must not queue behind it.
        var pool = fixture.Pool(https);
        var slow = pool.CreatePipeline().AddScript("[System.Threading.Thread]::Sleep(6000); 'slow'");
        var slowRun = RemoteScripts.CollectAsync(slow.InvokeAsync());
        await Task.Delay(500);

        var clock = Stopwatch.StartNew();
        var quick = await pool.InvokeScriptAsync("'quick'");
        var quickTime = clock.Elapsed;
        Assert.Equal("quick", Assert.Single(quick)!.BaseValue);
        Assert.False(slowRun.IsCompleted, $"the slow pipeline finished before the quick one ({quickTime})");

        Assert.Equal("slow", Assert.Single(await slowRun)!.BaseValue);
    }

    private static async IAsyncEnumerable<object?> Numbers(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            yield return i;
            if (i % 100 == 0)
            {
                await Task.Yield();
            }
        }
    }
}
