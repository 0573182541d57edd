using Psrp.Fragments;
using Psrp.Transport;

namespace Psrp.Diagnostics;

/// <summary>What one trace record (or one bare blob) held, decoded.</summary>
/// <param name="Record">The record (null for a blob).</param>
/// <param name="Summary">A short description of the unit: the packet kind and channel, or the WSMan action.</param>
/// <param name="Channel">The channel (null GUID: the pool), when the unit has one.</param>
/// <param name="Stream">The priority stream of a data unit.</param>
/// <param name="PayloadBytes">Fragment bytes the unit carried (after base64).</param>
/// <param name="Fragments">Fragment headers that completed in this unit.</param>
/// <param name="Messages">Messages that completed in this unit (reassembled across earlier units).</param>
/// <param name="Error">Why (part of) the unit could not be decoded, if it could not.</param>
public sealed record DecodedUnit(
    WireTraceRecord? Record,
    string Summary,
    Guid? Channel,
    PsrpStreamKind? Stream,
    int PayloadBytes,
    IReadOnlyList<FragmentHeader> Fragments,
    IReadOnlyList<DecodedMessage> Messages,
    string? Error);
