namespace Psrp.Diagnostics;

/// <summary>One line of a wire trace: when, which way, on which transport, what kind of unit, and the unit itself.</summary>
/// <param name="Time">When the unit was written or read (UTC).</param>
/// <param name="Direction">Client to server, or back.</param>
/// <param name="Transport">The transport's name (process, ssh, wsman, …).</param>
/// <param name="Kind"><see cref="WireTraceFormat.PacketKind"/> for an out-of-proc packet line; otherwise the text unit's kind (<c>wsman</c>).</param>
/// <param name="Payload">The packet line or text, unescaped (already redacted when written).</param>
public sealed record WireTraceRecord(DateTimeOffset Time, WireDirection Direction, string Transport, string Kind, string Payload);
