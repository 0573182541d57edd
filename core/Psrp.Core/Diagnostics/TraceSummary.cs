using Psrp.Messages;

namespace Psrp.Diagnostics;

/// <summary>
/// Totals of a decoded trace: units and bytes per direction, messages and their bytes per type,
/// round trips (each time the client sends after it has received), the largest time gaps between
/// consecutive records, and each pipeline's span from its first to its last unit.
/// </summary>
public sealed class TraceSummary
{
    private const int GapsKept = 5;
    private readonly Dictionary<(WireDirection, string), MessageTotals> _messages = [];
    private readonly Dictionary<Guid, PipelineSpan> _pipelines = [];
    private readonly List<TraceGap> _gaps = [];
    private WireDirection? _last;
    private DateTimeOffset? _lastTime;
    private int _index;

    /// <summary>Records decoded.</summary>
    public int Records { get; private set; }

    /// <summary>Records per direction.</summary>
    public int SentRecords { get; private set; }

    /// <summary>Records per direction.</summary>
    public int ReceivedRecords { get; private set; }

    /// <summary>Fragment bytes sent (after base64).</summary>
    public long SentBytes { get; private set; }

    /// <summary>Fragment bytes received (after base64).</summary>
    public long ReceivedBytes { get; private set; }

    /// <summary>Fragments seen.</summary>
    public long Fragments { get; private set; }

    /// <summary>Client sends that follow a receive (the first send counts too): how often the client waited for the server.</summary>
    public int RoundTrips { get; private set; }

    /// <summary>Time of the first record.</summary>
    public DateTimeOffset? First { get; private set; }

    /// <summary>Time of the last record.</summary>
    public DateTimeOffset? Last { get; private set; }

    /// <summary>Units that could not be decoded (fully).</summary>
    public int Errors { get; private set; }

    /// <summary>Messages and bytes per (direction, type name), largest byte count first.</summary>
    public IReadOnlyList<MessageTotals> Messages => [.. _messages.Values.OrderByDescending(m => m.Bytes)];

    /// <summary>The largest gaps between consecutive records, largest first.</summary>
    public IReadOnlyList<TraceGap> Gaps => [.. _gaps.OrderByDescending(g => g.Gap)];

    /// <summary>Pipelines by when they started.</summary>
    public IReadOnlyList<PipelineSpan> Pipelines => [.. _pipelines.Values.OrderBy(p => p.First)];

    internal void Add(DecodedUnit unit)
    {
        _index++;
        Records++;
        if (unit.Error is not null)
        {
            Errors++;
        }

        Fragments += unit.Fragments.Count;
        if (unit.Record is not { } record)
        {
            return;
        }

        if (record.Direction == WireDirection.Sent)
        {
            SentRecords++;
            SentBytes += unit.PayloadBytes;
            if (_last != WireDirection.Sent)
            {
                RoundTrips++;
            }
        }
        else
        {
            ReceivedRecords++;
            ReceivedBytes += unit.PayloadBytes;
        }

        if (_lastTime is { } previous)
        {
            AddGap(new TraceGap(record.Time - previous, _index - 1, _index, unit.Summary));
        }

        First ??= record.Time;
        Last = record.Time;
        _last = record.Direction;
        _lastTime = record.Time;

        foreach (var message in unit.Messages)
        {
            var key = (message.Direction, message.TypeName);
            if (!_messages.TryGetValue(key, out var totals))
            {
                totals = new MessageTotals(message.Direction, message.TypeName);
                _messages[key] = totals;
            }

            totals.Count++;
            totals.Bytes += message.Length;
            if (message.PipelineId != Guid.Empty)
            {
                Pipeline(message.PipelineId, record.Time).Messages++;
                if (message.Type == MessageType.PipelineState)
                {
                    Pipeline(message.PipelineId, record.Time).FinalState = PipelineState(message);
                }
            }
        }

        if (unit.Channel is { } channel && channel != Guid.Empty)
        {
            Pipeline(channel, record.Time);
        }
    }

    private PipelineSpan Pipeline(Guid id, DateTimeOffset time)
    {
        if (!_pipelines.TryGetValue(id, out var span))
        {
            span = new PipelineSpan(id, time);
            _pipelines[id] = span;
        }

        span.Last = time;
        return span;
    }

    private static string? PipelineState(DecodedMessage message)
    {
        try
        {
            return PsrpPayloadCodec.Decode(message.Type, message.Data) is PipelineStateMessage state ? state.State.ToString() : null;
        }
        catch (PsrpProtocolException)
        {
            return null;
        }
    }

    private void AddGap(TraceGap gap)
    {
        _gaps.Add(gap);
        if (_gaps.Count > GapsKept)
        {
            _gaps.Remove(_gaps.MinBy(g => g.Gap)!);
        }
    }
}

/// <summary>Messages of one type in one direction.</summary>
/// <param name="Direction">Which way.</param>
/// <param name="Type">The type's name.</param>
public sealed record MessageTotals(WireDirection Direction, string Type)
{
    /// <summary>How many.</summary>
    public int Count { get; internal set; }

    /// <summary>Their bytes, 40-byte headers included.</summary>
    public long Bytes { get; internal set; }
}

/// <summary>A pause between two consecutive records.</summary>
/// <param name="Gap">How long.</param>
/// <param name="Before">Number (1-based) of the record before it.</param>
/// <param name="After">Number of the record after it.</param>
/// <param name="AfterSummary">What the record after it was.</param>
public sealed record TraceGap(TimeSpan Gap, int Before, int After, string AfterSummary);

/// <summary>One pipeline's life in a trace.</summary>
/// <param name="Id">The pipeline id.</param>
/// <param name="First">Its first unit (Command packet, or first message).</param>
public sealed record PipelineSpan(Guid Id, DateTimeOffset First)
{
    /// <summary>Its last unit.</summary>
    public DateTimeOffset Last { get; internal set; }

    /// <summary>Messages on its channel.</summary>
    public int Messages { get; internal set; }

    /// <summary>The state its last PIPELINE_STATE reported.</summary>
    public string? FinalState { get; internal set; }
}
