namespace Psrp.Diagnostics;

/// <summary>
/// Sees every unit a transport puts on or takes off the wire, in order, for tracing
/// (<c>psrp --trace</c>). Transports call it synchronously from their send path and their receive
/// loop, possibly at the same time: implementations must be thread-safe, quick, and must never
/// throw into the transport. Timestamps are the recorder's to take.
/// </summary>
public interface IWireRecorder
{
    /// <summary>One out-of-proc packet line (<c>&lt;Data …&gt;…&lt;/Data&gt;</c>, <c>&lt;DataAck … /&gt;</c>, …) without its line terminator.</summary>
    void RecordPacket(string transport, WireDirection direction, ReadOnlySpan<byte> line);

    /// <summary>
    /// A text unit of a request/response transport, e.g. a WSMan HTTP request or response (start
    /// line, headers and SOAP envelope). <paramref name="kind"/> names it (<c>wsman</c>).
    /// </summary>
    void RecordText(string transport, WireDirection direction, string kind, string text);
}
