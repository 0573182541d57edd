using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Psrp.Client;
using Psrp.Diagnostics;
using Psrp.Transport;

namespace Psrp.Integration.Tests.Tuning;

/// <summary>The Psrp meter and activity source fire for a real session (observed with a MeterListener and an ActivityListener).</summary>
public class TelemetryTests
{
    private sealed record Measurement(string Instrument, double Value, Dictionary<string, object?> Tags);

    [Fact]
    public async Task Metrics_and_activities_fire_for_a_real_session()
    {
        var pipelineId = Guid.Empty;
        var measurements = new ConcurrentQueue<Measurement>();
        var activities = new ConcurrentQueue<Activity>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PsrpTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue(new(i.Name, v, Tags(tags))));
        meters.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue(new(i.Name, v, Tags(tags))));
        meters.Start();
        using var spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PsrpTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(spans);

        var (pool, _) = await WireTraceTests.OpenAsync(TransportOptions.Default, new RunspacePoolOptions { Host = new TestSecretHost() });
        await using (pool)
        {
            var pipeline = pool.CreatePipeline().AddScript("1..5; [System.Net.NetworkCredential]::new('', $host.UI.ReadLineAsSecureString()).Password.Length");
            pipelineId = pipeline.Id;
            var results = new List<object?>();
            await foreach (var item in pipeline.InvokeAsync())
            {
                results.Add(item?.BaseValue);
            }

            Assert.Equal(6, results.Count);
            await pool.CloseAsync();
        }

        meters.RecordObservableInstruments();
        var mine = measurements.ToList();

        bool Has(string instrument, string? key = null, object? value = null) =>
            mine.Any(m => m.Instrument == instrument && m.Value > 0 && m.Tags.GetValueOrDefault(PsrpTelemetry.TransportTag, "process") is "process"
                && (key is null || Equals(m.Tags.GetValueOrDefault(key), value)));

        Assert.True(Has(PsrpTelemetry.TransportPackets, PsrpTelemetry.PacketKindTag, "Command"), "Command packets");
        Assert.True(Has(PsrpTelemetry.TransportPackets, PsrpTelemetry.PacketKindTag, "DataAck"), "DataAck packets");
        Assert.True(Has(PsrpTelemetry.TransportBytes, PsrpTelemetry.DirectionTag, "sent"), "bytes sent");
        Assert.True(Has(PsrpTelemetry.TransportBytes, PsrpTelemetry.DirectionTag, "received"), "bytes received");
        Assert.True(Has(PsrpTelemetry.Fragments, PsrpTelemetry.DirectionTag, "sent"), "fragments sent");
        Assert.True(Has(PsrpTelemetry.Fragments, PsrpTelemetry.DirectionTag, "received"), "fragments received");
        Assert.True(Has(PsrpTelemetry.FragmentBytes, PsrpTelemetry.DirectionTag, "received"), "fragment bytes received");
        Assert.True(Has(PsrpTelemetry.Messages, PsrpTelemetry.MessageTypeTag, "SessionCapability"), "SessionCapability");
        Assert.True(Has(PsrpTelemetry.Messages, PsrpTelemetry.MessageTypeTag, "PipelineOutput"), "PipelineOutput");
        Assert.True(Has(PsrpTelemetry.Messages, PsrpTelemetry.MessageTypeTag, "PipelineHostResponse"), "host response");
        Assert.True(Has(PsrpTelemetry.MessageBytes, PsrpTelemetry.MessageTypeTag, "CreatePipeline"), "CreatePipeline bytes");
        Assert.True(Has(PsrpTelemetry.OpenDuration), "open latency");
        Assert.True(Has(PsrpTelemetry.PipelineDuration, PsrpTelemetry.StateTag, "Completed"), "pipeline round trip");
        Assert.True(Has(PsrpTelemetry.SerializationDuration, PsrpTelemetry.MessageTypeTag, "CreatePipeline"), "serialization time");
        Assert.True(Has(PsrpTelemetry.DeserializationDuration, PsrpTelemetry.MessageTypeTag, "PipelineOutput"), "deserialization time");

        var names = activities.Select(a => a.OperationName).ToList();
        Assert.Contains(PsrpTelemetry.OpenActivity, names);
        Assert.Contains(PsrpTelemetry.CloseActivity, names);
        Assert.Contains(activities, a => a.OperationName == PsrpTelemetry.InvokeActivity && Equals(a.GetTagItem("psrp.pipeline.id"), pipelineId)
            && Equals(a.GetTagItem(PsrpTelemetry.StateTag), "Completed"));
        Assert.Contains(activities, a => a.OperationName == PsrpTelemetry.HostCallActivity && Equals(a.GetTagItem("psrp.host.method"), "ReadLineAsSecureString"));
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var (key, value) in tags)
        {
            result[key] = value;
        }

        return result;
    }
}
