using Psrp.Client;
using Psrp.Diagnostics;
using Psrp.Fragments;
using Psrp.Transport;

namespace Psrp.Integration.Tests.Tuning;

/// <summary>The tuning knobs against PowerShell's own server: extreme values still speak the protocol, limits hold.</summary>
public class KnobTests
{
    [Fact]
    public async Task Tiny_fragments_one_per_packet_and_tiny_buffers_still_round_trip()
    {
        var file = new MemoryStream();
        using (var trace = new WireTraceWriter(file))
        {
            var tuning = new TransportOptions
            {
                MaxFragmentSize = 64,
                MaxFragmentsPerPacket = 1,
                ReceiveBufferSize = 256,
                ReceiveQueueCapacity = 1,
                WireRecorder = trace,
            };
            var (pool, _) = await WireTraceTests.OpenAsync(tuning, new RunspacePoolOptions { OutputBufferCapacity = 1 });
            await using (pool)
            {
                var text = new string('y', 3000);
                var result = await pool.InvokeScriptAsync($"'{text}'.Length; 1..50");
                Assert.Equal(3000, result[0]!.BaseValue);
                Assert.Equal(Enumerable.Range(1, 50), result.Skip(1).Select(r => (int)r!.BaseValue!));
                await pool.CloseAsync();
            }
        }

        // What we sent really was cut that small: every client Data line holds exactly one fragment of at most 64 bytes.
        var sentData = WireTraceTests.Decode(file.ToArray()).Where(u => u.Record!.Direction == WireDirection.Sent && u.PayloadBytes > 0).ToList();
        Assert.True(sentData.Count > 40, $"a 3 KB script in 64-byte fragments takes many packets, saw {sentData.Count}");
        Assert.All(sentData, u =>
        {
            var fragment = Assert.Single(u.Fragments);
            Assert.True(FragmentHeader.Size + fragment.BlobLength <= 64);
        });
    }

    [Fact]
    public async Task Default_packing_puts_several_fragments_in_one_line_and_one_per_packet_does_not()
    {
        async Task<int> FirstPacketFragments(int? perPacket)
        {
            var file = new MemoryStream();
            using (var trace = new WireTraceWriter(file))
            {
                var (pool, _) = await WireTraceTests.OpenAsync(new TransportOptions { MaxFragmentsPerPacket = perPacket, WireRecorder = trace });
                await pool.CloseAsync();
            }

            // The opening Data line carries SESSION_CAPABILITY and INIT_RUNSPACEPOOL.
            return WireTraceTests.Decode(file.ToArray()).First(u => u.Record!.Direction == WireDirection.Sent).Fragments.Count;
        }

        Assert.Equal(2, await FirstPacketFragments(null));
        Assert.Equal(1, await FirstPacketFragments(1));
    }

    [Fact]
    public async Task Per_command_quota_fails_the_pipeline_and_keeps_the_pool()
    {
        var (pool, _) = await WireTraceTests.OpenAsync(TransportOptions.Default, new RunspacePoolOptions { MaxReceivedDataSizePerCommand = 64 << 10 });
        await using (pool)
        {
            var error = await Assert.ThrowsAsync<PsrpTransportException>(() => pool.InvokeScriptAsync("'z' * 200000"));
            Assert.Contains("MaxReceivedDataSizePerCommand", error.Message, StringComparison.Ordinal);

            // Below the limit everything works, on the same pool.
            var small = await pool.InvokeScriptAsync("'z' * 1000");
            Assert.Equal(1000, ((string)small.Single()!.BaseValue!).Length);
        }
    }

    [Fact]
    public async Task Bad_knobs_fail_before_a_server_starts()
    {
        var provider = new Psrp.Providers.Process.ProcessTransportProvider();
        var error = await Assert.ThrowsAsync<PsrpOptionException>(async () =>
            await provider.ConnectAsync(LocalServer.TransportOptions with { Transport = new TransportOptions { MaxFragmentSize = 21 } }));
        Assert.Equal(nameof(TransportOptions.MaxFragmentSize), error.ParamName);
        Assert.Contains("21-byte fragment header", error.Message, StringComparison.Ordinal);
    }
}
