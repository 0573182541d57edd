using System.Diagnostics;
using Psrp.Diagnostics;
using Psrp.Fragments;
using Psrp.Messages;

namespace Psrp.Client;

/// <summary>The message- and fragment-level recordings of a runspace pool, one call per site so the pool's code stays as it was.</summary>
internal static class SessionTelemetry
{
    /// <summary>A message the pool fragmented for sending.</summary>
    public static void MessageSent(string transport, MessageType type, int dataLength, Fragmenter fragmenter)
    {
        if (!PsrpTelemetry.MessageCounter.Enabled && !PsrpTelemetry.MessageByteCounter.Enabled
            && !PsrpTelemetry.FragmentCounter.Enabled && !PsrpTelemetry.FragmentByteCounter.Enabled)
        {
            return;
        }

        var length = PsrpMessage.HeaderSize + dataLength;
        var encoded = fragmenter.GetEncodedLength(length);
        PsrpTelemetry.RecordMessage(transport, WireDirection.Sent, type, length);
        PsrpTelemetry.RecordFragments(transport, WireDirection.Sent, (encoded - length) / FragmentHeader.Size, encoded);
    }

    /// <summary>A message the pool reassembled.</summary>
    public static void MessageReceived(string transport, MessageType type, int length) =>
        PsrpTelemetry.RecordMessage(transport, WireDirection.Received, type, length);

    /// <summary>Fragment bytes fed to an assembler, and how many fragment headers they held.</summary>
    public static void FragmentsReceived(string transport, long fragments, int bytes) =>
        PsrpTelemetry.RecordFragments(transport, WireDirection.Received, fragments, bytes);

    public static long StartSerialization() => PsrpTelemetry.StartTiming(PsrpTelemetry.SerializationHistogram);

    public static void EndSerialization(long start, MessageType type)
    {
        if (start != 0)
        {
            PsrpTelemetry.RecordDuration(PsrpTelemetry.SerializationHistogram, start, new(PsrpTelemetry.MessageTypeTag, MessageTypeNames.Of(type)));
        }
    }

    public static long StartDeserialization() => PsrpTelemetry.StartTiming(PsrpTelemetry.DeserializationHistogram);

    public static void EndDeserialization(long start, MessageType type)
    {
        if (start != 0)
        {
            PsrpTelemetry.RecordDuration(PsrpTelemetry.DeserializationHistogram, start, new(PsrpTelemetry.MessageTypeTag, MessageTypeNames.Of(type)));
        }
    }

    /// <summary>A pipeline ended (any way): its round-trip time and its activity's outcome.</summary>
    public static void PipelineEnded(Activity? activity, long start, string transport, PSInvocationState state, bool broken)
    {
        if (activity is null && start == 0)
        {
            return;
        }

        var outcome = broken ? "Broken" : state.ToString();
        PsrpTelemetry.RecordDuration(PsrpTelemetry.PipelineHistogram, start, new(PsrpTelemetry.TransportTag, transport), new(PsrpTelemetry.StateTag, outcome));
        if (activity is not null)
        {
            activity.SetTag(PsrpTelemetry.StateTag, outcome);
            if (broken || state == PSInvocationState.Failed)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
    }
}
