namespace Psrp.WSMan.Endpoint.Shells;

/// <summary>What one ReceiveResponse carries: output chunks and whether the command is now Done.</summary>
/// <param name="Chunks">Pieces of the fragment byte stream, each becoming one <c>rsp:Stream</c>.</param>
/// <param name="Done">True when the command has finished and all its output is in this batch or earlier ones.</param>
public sealed record ReceiveBatch(IReadOnlyList<ReadOnlyMemory<byte>> Chunks, bool Done);
