using System.Globalization;
using Psrp.Tests.Shared;
using Xunit.Abstractions;

namespace Psrp.WSMan.Tests.Integration;

/// <summary>
/// Streamed pipeline input over WSMan goes out packed: what queues up while a Send is out rides in the
/// next Send (whole fragments, up to the payload the envelope allows), so 10,000 input objects take far
/// fewer Send requests than messages, and still arrive complete and in order at the real server.
/// </summary>
public sealed class InputPackingTests(PoolFixture fixture, ITestOutputHelper log) : IClassFixture<PoolFixture>
{
    private const int Count = 10_000;

    // The server checks the order itself and answers with the count only if every item came in order.
    private const string CountInOrder =
        "$i = 0; $ok = $true; foreach ($x in $input) { if ($x -ne ('item-' + $i)) { $ok = $false }; $i++ }; if ($ok) { $i } else { -1 - $i }";

    public static TheoryData<bool> Schemes => new() { false, true };

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Ten_thousand_input_objects_arrive_in_order_in_far_fewer_Sends(bool https)
    {
        var transport = fixture.Transport(https);
        var before = transport.Statistics.Snapshot();
        var pipeline = fixture.Pool(https).CreatePipeline().AddScript(CountInOrder);
        var output = await RemoteScripts.CollectAsync(pipeline.InvokeAsync(Items(Count))).WaitAsync(TimeSpan.FromMinutes(3));
        var traffic = transport.Statistics.Snapshot().Since(before);

        Assert.Equal(Count, Convert.ToInt32(Assert.Single(output)!.BaseValue, CultureInfo.InvariantCulture));

        // 10,002 messages (CREATE_PIPELINE rides in the Command; 10,000 PIPELINE_INPUT and END_OF_PIPELINE_INPUT
        // are sent). One Send per message was 10,001 Sends; packed, each Send carries many.
        var sends = traffic.RoundTripsByOperation.GetValueOrDefault("Send");
        log.WriteLine($"{Count} input objects: {sends} Sends, {traffic.BytesSent} bytes sent");
        Assert.InRange(sends, 1, Count / 20);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Input_larger_than_one_envelope_is_split_over_several_Sends(bool https)
    {
        // 2,000 items of 1 KiB: about 2 MB of CLIXML, more than four 500 KiB envelopes can carry, so
        // packing must stop at the envelope's payload and go on in the next Send.
        var transport = fixture.Transport(https);
        var payload = new string('x', 1024);
        var before = transport.Statistics.Snapshot();
        var pipeline = fixture.Pool(https).CreatePipeline()
            .AddScript("$i = 0; $ok = $true; foreach ($x in $input) { if ($x -ne ('item-' + $i + '-' + ('x' * 1024))) { $ok = $false }; $i++ }; if ($ok) { $i } else { -1 - $i }");
        var output = await RemoteScripts.CollectAsync(pipeline.InvokeAsync(Items(2_000, "-" + payload))).WaitAsync(TimeSpan.FromMinutes(3));
        var traffic = transport.Statistics.Snapshot().Since(before);

        Assert.Equal(2_000, Convert.ToInt32(Assert.Single(output)!.BaseValue, CultureInfo.InvariantCulture));
        var sends = traffic.RoundTripsByOperation.GetValueOrDefault("Send");
        var minimum = (int)(traffic.BytesSent / transport.MaxEnvelopeSize);
        log.WriteLine($"2,000 input objects of 1 KiB: {sends} Sends, {traffic.BytesSent} bytes sent, envelope {transport.MaxEnvelopeSize}");
        Assert.True(sends >= minimum && sends >= 2, $"{sends} Sends carried {traffic.BytesSent} bytes; envelopes are at most {transport.MaxEnvelopeSize} bytes");
        Assert.True(sends < 2_000 / 10, $"{sends} Sends for 2,000 messages");
    }

    private static async IAsyncEnumerable<object?> Items(int count, string suffix = "")
    {
        for (var i = 0; i < count; i++)
        {
            yield return "item-" + i.ToString(CultureInfo.InvariantCulture) + suffix;
            if (i % 500 == 0)
            {
                await Task.Yield();
            }
        }
    }
}
