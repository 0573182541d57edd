using System.Threading.Channels;

namespace Psrp.Transport;

/// <summary>
/// An <see cref="IPsrpTransport"/> that forwards every operation to an inner transport. Providers
/// derive from it to hand out their own transport type — one that adds what only they know (a
/// process id, an SSH connection, a container id) — without writing the forwarding again.
/// </summary>
public abstract class DelegatingPsrpTransport : IPsrpTransport, IDirectReceiveTransport
{
    /// <summary>Wraps <paramref name="inner"/>, which this transport owns and disposes.</summary>
    protected DelegatingPsrpTransport(IPsrpTransport inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>The transport every operation goes to.</summary>
    protected IPsrpTransport Inner { get; }

    /// <inheritdoc />
    public virtual TransportCapabilities Capabilities => Inner.Capabilities;

    /// <inheritdoc />
    public virtual ChannelReader<TransportData> Received => Inner.Received;

    /// <summary>
    /// Forwards to the inner transport when it can deliver directly. A subclass that overrides
    /// <see cref="Received"/> (to see or change the data) must override this to return false.
    /// </summary>
    public virtual bool TryReceiveDirectly(IDirectReceiver receiver) =>
        Inner is IDirectReceiveTransport direct && direct.TryReceiveDirectly(receiver);

    /// <inheritdoc />
    public virtual ValueTask OpenRunspacePoolAsync(Guid runspacePoolId, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken) =>
        Inner.OpenRunspacePoolAsync(runspacePoolId, fragments, cancellationToken);

    /// <inheritdoc />
    public virtual ValueTask SendAsync(Guid pipelineId, PsrpStreamKind stream, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken) =>
        Inner.SendAsync(pipelineId, stream, fragments, cancellationToken);

    /// <inheritdoc />
    public virtual ValueTask CreatePipelineAsync(Guid pipelineId, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken) =>
        Inner.CreatePipelineAsync(pipelineId, fragments, cancellationToken);

    /// <inheritdoc />
    public virtual ValueTask StopPipelineAsync(Guid pipelineId, CancellationToken cancellationToken) =>
        Inner.StopPipelineAsync(pipelineId, cancellationToken);

    /// <inheritdoc />
    public virtual ValueTask ClosePipelineAsync(Guid pipelineId, CancellationToken cancellationToken) =>
        Inner.ClosePipelineAsync(pipelineId, cancellationToken);

    /// <inheritdoc />
    public virtual ValueTask CloseRunspacePoolAsync(CancellationToken cancellationToken) =>
        Inner.CloseRunspacePoolAsync(cancellationToken);

    /// <inheritdoc />
    public virtual void OnProtocolNegotiated(Version protocolVersion) => Inner.OnProtocolNegotiated(protocolVersion);

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return Inner.DisposeAsync();
    }
}
