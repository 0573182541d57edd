namespace Psrp.Transport;

/// <summary>Fragment bytes received on one channel and stream, in arrival order.</summary>
/// <param name="PipelineId">The pipeline, or <see cref="Guid.Empty"/> for the runspace pool.</param>
/// <param name="Stream">The priority stream.</param>
/// <param name="Bytes">A piece of the fragment byte stream (may hold several fragments, or part of one).</param>
public sealed record TransportData(Guid PipelineId, PsrpStreamKind Stream, ReadOnlyMemory<byte> Bytes);
