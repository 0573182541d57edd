using System.Diagnostics.Tracing;

namespace Psrp.Benchmarks.Diagnostics;

/// <summary>
/// Listens to the runtime's GCAllocationTick events (one per ~100 KB allocated, naming the type of
/// the allocation that crossed the mark) and adds them up by type: a sampled allocation breakdown
/// without any external profiler.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    // GC keyword; AllocationTick is raised at Verbose level.
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly Dictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _recording;

    /// <summary>Starts or stops counting; events outside a recording are dropped.</summary>
    public bool Recording
    {
        get { lock (_gate) { return _recording; } }
        set { lock (_gate) { _recording = value; } }
    }

    /// <summary>Sampled bytes by type name, largest first, and forgets them.</summary>
    public List<KeyValuePair<string, long>> TakeBreakdown()
    {
        lock (_gate)
        {
            var result = _bytesByType.OrderByDescending(p => p.Value).ToList();
            _bytesByType.Clear();
            return result;
        }
    }

    /// <inheritdoc />
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    /// <inheritdoc />
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        string? typeName = null;
        long amount = 0;
        for (var i = 0; i < eventData.Payload.Count; i++)
        {
            switch (eventData.PayloadNames?[i])
            {
                case "TypeName":
                    typeName = eventData.Payload[i] as string;
                    break;
                case "AllocationAmount64":
                    amount = Convert.ToInt64(eventData.Payload[i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "AllocationAmount" when amount == 0:
                    amount = Convert.ToInt64(eventData.Payload[i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
            }
        }

        lock (_gate)
        {
            if (_recording && typeName is not null)
            {
                _bytesByType[typeName] = _bytesByType.GetValueOrDefault(typeName) + amount;
            }
        }
    }
}
