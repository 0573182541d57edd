using System.Threading.Channels;

namespace Psrp.Transport;

/// <summary>
/// One connection carrying one runspace pool: the seam every transport implements. Operations map
/// onto both wire families: out-of-proc packets (Data/Command/Signal/Close on a PSGuid) and WSMan
/// shell operations (Create with creationXml, Command, Send, Receive, Signal, Delete). The session
/// hands over whole fragments and reads fragment bytes back; it never sees packets or envelopes.
/// </summary>
/// <remarks>
/// Failures surface as <see cref="PsrpTransportException"/> from the operation, and as completion
/// of <see cref="Received"/> with that exception, so every waiter learns of a dead connection at once.
/// WSMan's Disconnect/Reconnect/Connect will come as an additional interface on transports that
/// support them (<see cref="TransportCapabilities.SupportsDisconnect"/>).
/// </remarks>
public interface IPsrpTransport : IAsyncDisposable
{
    /// <summary>What this connection supports.</summary>
    TransportCapabilities Capabilities { get; }

    /// <summary>Received fragment bytes. Completes when the connection ends; with an exception when it broke.</summary>
    ChannelReader<TransportData> Received { get; }

    /// <summary>Opens the pool with its first fragments (SESSION_CAPABILITY and INIT_RUNSPACEPOOL).</summary>
    ValueTask OpenRunspacePoolAsync(Guid runspacePoolId, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken);

    /// <summary>Sends fragments on the pool channel (<see cref="Guid.Empty"/>) or a pipeline channel.</summary>
    /// <remarks>
    /// A transport may complete this once the fragments are queued rather than written (the out-of-proc
    /// transport does, to pack queued messages into one packet); a later write failure then surfaces through
    /// <see cref="Received"/> and every later call. Either way the caller's memory is not read after completion.
    /// </remarks>
    ValueTask SendAsync(Guid pipelineId, PsrpStreamKind stream, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken);

    /// <summary>Creates the pipeline channel and sends its CREATE_PIPELINE fragments.</summary>
    ValueTask CreatePipelineAsync(Guid pipelineId, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken);

    /// <summary>Asks the server to stop a running pipeline; its state message reports the outcome.</summary>
    ValueTask StopPipelineAsync(Guid pipelineId, CancellationToken cancellationToken);

    /// <summary>Releases a finished pipeline's channel on the server.</summary>
    ValueTask ClosePipelineAsync(Guid pipelineId, CancellationToken cancellationToken);

    /// <summary>Closes the pool and the connection.</summary>
    ValueTask CloseRunspacePoolAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called once the server's SESSION_CAPABILITY fixed the session's protocol version. Transports whose
    /// sizes depend on it (WSMan raises its envelope and fragment size from protocol 2.2 on) update
    /// <see cref="Capabilities"/> here; the session sizes later fragments from them. Default: nothing.
    /// </summary>
    void OnProtocolNegotiated(Version protocolVersion)
    {
    }
}
