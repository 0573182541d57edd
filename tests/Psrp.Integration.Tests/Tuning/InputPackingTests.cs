using System.Collections.Concurrent;
using System.Text;
using Psrp.Client;
using Psrp.Diagnostics;
using Psrp.Providers.Process;
using Psrp.Transport;
using Xunit.Abstractions;

namespace Psrp.Integration.Tests.Tuning;

/// <summary>
/// Streamed pipeline input against PowerShell's own server: what the client queues while a Data line is
/// un-acked is packed into the next line, and the server still gets every object, in order.
/// </summary>
public class InputPackingTests(ITestOutputHelper log)
{
    private const int Count = 10_000;

    // Outputs "<count> <in order>": the server itself checks that item i is item-<i>.
    private const string CheckScript =
        "begin { $n = 0; $ok = $true } process { $n++; if ($_ -cne ('item-' + $n.ToString('D15'))) { $ok = $false } } end { \"$n $ok\" }";

    [Fact]
    public async Task Ten_thousand_streamed_objects_arrive_complete_and_in_order_in_far_fewer_Data_lines()
    {
        var lines = new DataLineRecorder();
        var transport = await new ProcessTransportProvider().ConnectAsync(LocalServer.TransportOptions with { Transport = new TransportOptions { WireRecorder = lines } });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var pool = await RunspacePool.OpenAsync(transport, cancellationToken: timeout.Token);
        await using (pool)
        {
            var pipeline = pool.CreatePipeline().AddScript(CheckScript);
            var output = new List<string?>();
            await foreach (var item in pipeline.InvokeAsync(Items(), timeout.Token))
            {
                output.Add(item?.BaseValue as string);
            }

            Assert.Equal([$"{Count} True"], output);
        }

        // CREATE_PIPELINE, 10,000 PIPELINE_INPUT and END_OF_PIPELINE_INPUT went in this many lines on the pipeline's channel.
        var pipelineLines = lines.SentDataLines.Where(l => l.Channel != Guid.Empty).ToList();
        log.WriteLine($"{Count + 2} messages in {pipelineLines.Count} Data lines, {pipelineLines.Sum(l => l.PayloadBytes)} fragment bytes");
        Assert.NotEmpty(pipelineLines);
        Assert.True(pipelineLines.Count < Count / 20, $"{Count + 2} messages took {pipelineLines.Count} Data lines: queued input was not packed");
        Assert.All(pipelineLines, l => Assert.True(l.PayloadBytes <= 32 << 10, $"a Data line carried {l.PayloadBytes} bytes, more than one fragment size"));
        Assert.Contains(pipelineLines, l => l.PayloadBytes > 4096);
    }

    [Fact]
    public async Task One_fragment_per_packet_sends_each_input_message_in_its_own_line_and_still_arrives()
    {
        const int Small = 300;
        var lines = new DataLineRecorder();
        var tuning = new TransportOptions { MaxFragmentsPerPacket = 1, WireRecorder = lines };
        var transport = await new ProcessTransportProvider().ConnectAsync(LocalServer.TransportOptions with { Transport = tuning });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var pool = await RunspacePool.OpenAsync(transport, cancellationToken: timeout.Token);
        await using (pool)
        {
            var result = new List<string?>();
            await foreach (var item in pool.CreatePipeline().AddScript(CheckScript).InvokeAsync(Items(Small), timeout.Token))
            {
                result.Add(item?.BaseValue as string);
            }

            Assert.Equal([$"{Small} True"], result);
        }

        Assert.Equal(Small + 2, lines.SentDataLines.Count(l => l.Channel != Guid.Empty));
    }

    private static async IAsyncEnumerable<object?> Items(int count = Count)
    {
        for (var i = 1; i <= count; i++)
        {
            yield return "item-" + i.ToString("D15", System.Globalization.CultureInfo.InvariantCulture);
        }

        await Task.CompletedTask;
    }

    /// <summary>Records each Data line the client writes: its channel and how many fragment bytes it carries.</summary>
    private sealed class DataLineRecorder : IWireRecorder
    {
        private readonly ConcurrentQueue<(Guid Channel, int PayloadBytes)> _sent = new();

        public IReadOnlyList<(Guid Channel, int PayloadBytes)> SentDataLines => [.. _sent];

        public void RecordPacket(string transport, WireDirection direction, ReadOnlySpan<byte> line)
        {
            var text = Encoding.ASCII.GetString(line);
            if (direction != WireDirection.Sent || !text.StartsWith("<Data ", StringComparison.Ordinal))
            {
                return;
            }

            var guidAt = text.IndexOf("PSGuid='", StringComparison.Ordinal) + "PSGuid='".Length;
            var channel = Guid.Parse(text.AsSpan(guidAt, 36));
            var start = text.IndexOf('>', StringComparison.Ordinal) + 1;
            var payload = Convert.FromBase64String(text[start..text.IndexOf("</Data>", StringComparison.Ordinal)]);
            _sent.Enqueue((channel, payload.Length));
        }

        public void RecordText(string transport, WireDirection direction, string kind, string text)
        {
        }
    }
}
