using System.Collections.Concurrent;
using System.Globalization;
using Psrp.Messages;

namespace Psrp.Diagnostics;

/// <summary>Message type names for tags and traces, computed once per type (Enum.ToString allocates).</summary>
internal static class MessageTypeNames
{
    private static readonly ConcurrentDictionary<MessageType, string> Names = new();

    public static string Of(MessageType type) => Names.GetOrAdd(type, static t =>
        Enum.IsDefined(t) ? t.ToString() : "0x" + ((uint)t).ToString("X8", CultureInfo.InvariantCulture));
}
