using System.Buffers;

namespace Psrp.Transport;

/// <summary>Fragment bytes received on one channel and stream, in arrival order.</summary>
/// <param name="PipelineId">The pipeline, or <see cref="Guid.Empty"/> for the runspace pool.</param>
/// <param name="Stream">The priority stream.</param>
/// <param name="Bytes">A piece of the fragment byte stream (may hold several fragments, or part of one).</param>
public sealed record TransportData(Guid PipelineId, PsrpStreamKind Stream, ReadOnlyMemory<byte> Bytes)
{
    // Set when Bytes lives in an array rented from ArrayPool<byte>.Shared; taken once by Release.
    private byte[]? _rented;

    // A copy made with `with` shares the bytes but not their ownership: only the original
    // returns the array, so two Releases can never put it in the pool twice.
    private TransportData(TransportData original)
    {
        PipelineId = original.PipelineId;
        Stream = original.Stream;
        Bytes = original.Bytes;
        PipelineFailure = original.PipelineFailure;
    }

    /// <summary>
    /// Set when the transport lost one pipeline's channel but the connection lives on (e.g. a WSMan
    /// server that no longer knows the command): that pipeline fails with this error; the pool and
    /// its other pipelines go on. <see cref="Bytes"/> is empty.
    /// </summary>
    public PsrpTransportException? PipelineFailure { get; private init; }

    /// <summary>Tells the pool that <paramref name="pipelineId"/>'s channel is lost with <paramref name="error"/>.</summary>
    public static TransportData ForPipelineFailure(Guid pipelineId, PsrpTransportException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new TransportData(pipelineId, PsrpStreamKind.Default, ReadOnlyMemory<byte>.Empty) { PipelineFailure = error };
    }

    /// <summary>
    /// Data whose bytes are the first <paramref name="length"/> bytes of <paramref name="rented"/>,
    /// an array rented from <see cref="ArrayPool{T}.Shared"/>. A transport receiving many small
    /// packets uses it so each one costs no new array; the consumer gives the array back with
    /// <see cref="Release"/> once it has copied the bytes (a consumer that never does just leaves it to the GC).
    /// </summary>
    public static TransportData FromRented(Guid pipelineId, PsrpStreamKind stream, byte[] rented, int length)
    {
        ArgumentNullException.ThrowIfNull(rented);
        return new TransportData(pipelineId, stream, rented.AsMemory(0, length)) { _rented = rented };
    }

    /// <summary>
    /// Returns a rented array to its pool. Call it once the bytes are consumed: <see cref="Bytes"/>
    /// must not be read afterwards. Idempotent; does nothing for data that was not rented.
    /// </summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _rented, null) is { } rented)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
