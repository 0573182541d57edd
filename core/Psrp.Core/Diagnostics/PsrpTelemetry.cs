using System.Diagnostics;
using System.Diagnostics.Metrics;
using Psrp.Messages;

namespace Psrp.Diagnostics;

/// <summary>
/// The <c>Psrp</c> meter and activity source, and the names of their instruments (docs/tuning.md
/// lists them). Everything here is cheap when nobody listens: each recording checks
/// <see cref="Instrument.Enabled"/> or <see cref="ActivitySource.HasListeners"/> first.
/// </summary>
public static class PsrpTelemetry
{
    /// <summary>Name of the <see cref="Meter"/> and of the <see cref="ActivitySource"/>.</summary>
    public const string Name = "Psrp";

    /// <summary>Counter: transport packets (out-of-proc lines; WSMan requests/responses). Tags: transport, direction, packet kind.</summary>
    public const string TransportPackets = "psrp.transport.packets";

    /// <summary>Counter (bytes): bytes on the wire, framing and base64 included. Tags: transport, direction.</summary>
    public const string TransportBytes = "psrp.transport.bytes";

    /// <summary>Counter: PSRP fragments. Tags: transport, direction.</summary>
    public const string Fragments = "psrp.fragments";

    /// <summary>Counter (bytes): fragment bytes, headers included. Tags: transport, direction.</summary>
    public const string FragmentBytes = "psrp.fragment.bytes";

    /// <summary>Counter: PSRP messages. Tags: transport, direction, message type.</summary>
    public const string Messages = "psrp.messages";

    /// <summary>Counter (bytes): message bytes, 40-byte header included. Tags: transport, direction, message type.</summary>
    public const string MessageBytes = "psrp.message.bytes";

    /// <summary>Histogram (s): opening a runspace pool, first byte sent to Opened. Tags: transport.</summary>
    public const string OpenDuration = "psrp.runspacepool.open.duration";

    /// <summary>Histogram (s): a pipeline's round trip, invoke to final state. Tags: transport, final state.</summary>
    public const string PipelineDuration = "psrp.pipeline.duration";

    /// <summary>Histogram (s): turning one message body into CLIXML. Tags: message type.</summary>
    public const string SerializationDuration = "psrp.serialization.duration";

    /// <summary>Histogram (s): turning one received message into a typed body. Tags: message type.</summary>
    public const string DeserializationDuration = "psrp.deserialization.duration";

    /// <summary>Activity names.</summary>
    public const string OpenActivity = "psrp.open";

    /// <summary>Activity: one pipeline, from invoke to its end.</summary>
    public const string InvokeActivity = "psrp.invoke";

    /// <summary>Activity: one host call answered by the local host.</summary>
    public const string HostCallActivity = "psrp.host_call";

    /// <summary>Activity: closing a runspace pool.</summary>
    public const string CloseActivity = "psrp.close";

    /// <summary>Tag keys.</summary>
    public const string TransportTag = "psrp.transport";

    /// <summary>Tag: <c>sent</c> or <c>received</c>.</summary>
    public const string DirectionTag = "psrp.direction";

    /// <summary>Tag: an out-of-proc packet kind (Data, DataAck, Command, …) or a WSMan action.</summary>
    public const string PacketKindTag = "psrp.packet.kind";

    /// <summary>Tag: a PSRP message type name (PipelineOutput, SessionCapability, …).</summary>
    public const string MessageTypeTag = "psrp.message.type";

    /// <summary>Tag: a pipeline's final state (Completed, Failed, Stopped, or Broken for a lost connection).</summary>
    public const string StateTag = "psrp.pipeline.state";

    internal static readonly Meter Meter = new(Name, typeof(PsrpTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly ActivitySource Source = new(Name, typeof(PsrpTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Counter<long> PacketCounter = Meter.CreateCounter<long>(TransportPackets, "{packet}", "Transport packets (out-of-proc lines, WSMan requests and responses).");
    internal static readonly Counter<long> ByteCounter = Meter.CreateCounter<long>(TransportBytes, "By", "Bytes on the wire, framing included.");
    internal static readonly Counter<long> FragmentCounter = Meter.CreateCounter<long>(Fragments, "{fragment}", "PSRP fragments.");
    internal static readonly Counter<long> FragmentByteCounter = Meter.CreateCounter<long>(FragmentBytes, "By", "PSRP fragment bytes, headers included.");
    internal static readonly Counter<long> MessageCounter = Meter.CreateCounter<long>(Messages, "{message}", "PSRP messages.");
    internal static readonly Counter<long> MessageByteCounter = Meter.CreateCounter<long>(MessageBytes, "By", "PSRP message bytes, header included.");
    internal static readonly Histogram<double> OpenHistogram = Meter.CreateHistogram<double>(OpenDuration, "s", "Runspace pool open latency.");
    internal static readonly Histogram<double> PipelineHistogram = Meter.CreateHistogram<double>(PipelineDuration, "s", "Pipeline round trip, invoke to final state.");
    internal static readonly Histogram<double> SerializationHistogram = Meter.CreateHistogram<double>(SerializationDuration, "s", "Serializing one message body.");
    internal static readonly Histogram<double> DeserializationHistogram = Meter.CreateHistogram<double>(DeserializationDuration, "s", "Deserializing one message body.");

    private static readonly string[] Directions = ["sent", "received"];

    internal static string DirectionName(WireDirection direction) => Directions[(int)direction];

    /// <summary>A start timestamp for a histogram, or 0 when nobody listens to it (then nothing is measured).</summary>
    internal static long StartTiming(Histogram<double> histogram) => histogram.Enabled ? Stopwatch.GetTimestamp() : 0;

    internal static void RecordPacket(string transport, WireDirection direction, string kind, int bytes)
    {
        if (PacketCounter.Enabled)
        {
            PacketCounter.Add(1, new(TransportTag, transport), new(DirectionTag, DirectionName(direction)), new(PacketKindTag, kind));
        }

        if (ByteCounter.Enabled)
        {
            ByteCounter.Add(bytes, new(TransportTag, transport), new(DirectionTag, DirectionName(direction)));
        }
    }

    internal static void RecordFragments(string transport, WireDirection direction, long count, long bytes)
    {
        if (count > 0 && FragmentCounter.Enabled)
        {
            FragmentCounter.Add(count, new(TransportTag, transport), new(DirectionTag, DirectionName(direction)));
        }

        if (bytes > 0 && FragmentByteCounter.Enabled)
        {
            FragmentByteCounter.Add(bytes, new(TransportTag, transport), new(DirectionTag, DirectionName(direction)));
        }
    }

    internal static void RecordMessage(string transport, WireDirection direction, MessageType type, int bytes)
    {
        if (MessageCounter.Enabled)
        {
            MessageCounter.Add(1, new(TransportTag, transport), new(DirectionTag, DirectionName(direction)), new(MessageTypeTag, MessageTypeNames.Of(type)));
        }

        if (MessageByteCounter.Enabled)
        {
            MessageByteCounter.Add(bytes, new(TransportTag, transport), new(DirectionTag, DirectionName(direction)), new(MessageTypeTag, MessageTypeNames.Of(type)));
        }
    }

    /// <summary>Records the time since <paramref name="start"/> (from <see cref="StartTiming"/>); nothing when it is 0.</summary>
    internal static void RecordDuration(Histogram<double> histogram, long start, KeyValuePair<string, object?> tag)
    {
        if (start != 0)
        {
            histogram.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, tag);
        }
    }

    internal static void RecordDuration(Histogram<double> histogram, long start, KeyValuePair<string, object?> tag1, KeyValuePair<string, object?> tag2)
    {
        if (start != 0)
        {
            histogram.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, tag1, tag2);
        }
    }

    /// <summary>Starts an activity when someone listens; null otherwise (callers use <c>?.</c>).</summary>
    internal static Activity? StartActivity(string name, string? transport, ActivityKind kind = ActivityKind.Client)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(name, kind);
        if (transport is not null)
        {
            activity?.SetTag(TransportTag, transport);
        }

        return activity;
    }
}
