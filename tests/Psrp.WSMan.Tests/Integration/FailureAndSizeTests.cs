using System.Diagnostics;
using Psrp.Providers.WSMan;
using Psrp.Providers.WSMan.Authentication;
using Psrp.Tests.Shared;
using Psrp.Transport;
using Psrp.WSMan.Endpoint;

namespace Psrp.WSMan.Tests.Integration;

/// <summary>A dead endpoint fails every waiter promptly; a tiny MaxEnvelopeSize still carries 16 MiB both ways.</summary>
public sealed class FailureAndSizeTests
{
    /// <summary>Basic over plain HTTP to an endpoint process the test may kill, with long Receives.</summary>
    private static WSManConnectionOptions OverPlainHttp(EndpointProcess endpoint) => new()
    {
        Endpoint = endpoint.HttpUri,
        Authentication = new BasicAuthentication(new PsrpCredential(EndpointProcess.UserName, EndpointProcess.Password)),
        NoEncryption = true,
        OperationTimeout = TimeSpan.FromSeconds(60),
    };

    [Fact]
    public async Task Killing_the_endpoint_mid_Receive_fails_the_running_pipeline_promptly()
    {
        using var endpoint = await EndpointProcess.StartAsync();
        var (pool, _) = await EndpointFixture.OpenAsync(OverPlainHttp(endpoint));
        await using (pool)
        {
            var pipeline = pool.CreatePipeline().AddScript("'waiting'; [System.Threading.Thread]::Sleep(120000)");
            await using var items = pipeline.InvokeAsync().GetAsyncEnumerator();
            Assert.True(await items.MoveNextAsync());

            // Both the shell's and the command's Receives are now pending on the endpoint.
            await Task.Delay(500);
            var clock = Stopwatch.StartNew();
            endpoint.Kill();
            var error = await Record.ExceptionAsync(async () => await items.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
            clock.Stop();

            var transportError = Assert.IsAssignableFrom<PsrpTransportException>(error);
            Assert.Equal("wsman", transportError.TransportName);
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
            Assert.NotNull(pool.Failure);
            await Assert.ThrowsAnyAsync<PsrpTransportException>(() => pool.InvokeScriptAsync("1"));
        }
    }

    [Fact]
    public async Task Killing_the_endpoint_while_input_streams_fails_the_pipeline_and_stops_taking_input()
    {
        // Input is queued and packed, so SendAsync returns before its Send is answered: the failed Send
        // must still reach the pipeline promptly, and the producer must stop being pulled.
        using var endpoint = await EndpointProcess.StartAsync();
        var (pool, _) = await EndpointFixture.OpenAsync(OverPlainHttp(endpoint));
        await using (pool)
        {
            var produced = 0;
            var streaming = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            async IAsyncEnumerable<object?> Endless()
            {
                while (true)
                {
                    if (Interlocked.Increment(ref produced) == 20_000)
                    {
                        streaming.TrySetResult();
                    }

                    yield return "item";
                    if (Volatile.Read(ref produced) % 100 == 0)
                    {
                        await Task.Yield();
                    }
                }
            }

            var run = RemoteScripts.CollectAsync(pool.CreatePipeline().AddScript("foreach ($x in $input) { }").InvokeAsync(Endless()));
            await streaming.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var clock = Stopwatch.StartNew();
            endpoint.Kill();
            var error = await Record.ExceptionAsync(() => run.WaitAsync(TimeSpan.FromSeconds(30)));
            clock.Stop();

            Assert.IsAssignableFrom<PsrpTransportException>(error);
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
            var pulled = Volatile.Read(ref produced);
            await Task.Delay(500);
            Assert.Equal(pulled, Volatile.Read(ref produced));
            Assert.NotNull(pool.Failure);
        }
    }

    [Fact]
    public async Task A_16_KiB_envelope_limit_forces_many_fragments_and_a_16_MiB_string_round_trips()
    {
        await using var server = await WSManTestEndpoint.StartAsync(new WSManEndpointOptions { HttpsPort = null, AllowBasicOverHttp = true });
        var options = EndpointFixture.For(server, https: false) with { MaxEnvelopeSize = 16 * 1024 };
        var (pool, transport) = await EndpointFixture.OpenAsync(options);
        await using (pool)
        {
            Assert.Equal(16 * 1024, transport.MaxEnvelopeSize);
            Assert.True(transport.Capabilities.MaxFragmentSize < 12 * 1024, $"fragments of {transport.Capabilities.MaxFragmentSize} bytes do not fit 16 KiB envelopes");

            var text = string.Create(16 << 20, 0, (span, _) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = (char)('a' + (i >> 20));
                }
            });
            var before = transport.Statistics.Snapshot();
            var pipeline = pool.CreatePipeline().AddScript("$input | ForEach-Object { $_ }");
            var output = await RemoteScripts.CollectAsync(pipeline.InvokeAsync(One(text)));
            var traffic = transport.Statistics.Snapshot().Since(before);

            var echoed = Assert.IsType<string>(Assert.Single(output)!.BaseValue);
            Assert.Equal(text.Length, echoed.Length);
            Assert.True(string.Equals(text, echoed, StringComparison.Ordinal), "the echoed string differs");

            // 16 MiB of CLIXML each way at under 12 KiB per envelope: well over a thousand of each.
            Assert.True(traffic.RoundTripsByOperation["Send"] > 1000, $"only {traffic.RoundTripsByOperation["Send"]} Sends");
            Assert.True(traffic.RoundTripsByOperation["Receive"] > 1000, $"only {traffic.RoundTripsByOperation["Receive"]} Receives");
        }
    }

    private static async IAsyncEnumerable<object?> One(string value)
    {
        await Task.Yield();
        yield return value;
    }
}
