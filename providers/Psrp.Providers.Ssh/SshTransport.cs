using System.Threading.Channels;
using Psrp.OutOfProc;
using Psrp.Transport;

namespace Psrp.Providers.Ssh;

/// <summary>
/// The out-of-proc transport on one SSH channel. Disposing it closes the channel (the remote
/// PowerShell process ends) and releases its <see cref="Connection"/>.
/// </summary>
public sealed class SshTransport : IPsrpTransport
{
    private readonly OutOfProcTransport _inner;

    internal SshTransport(OutOfProcTransport inner, SshConnection connection, SshChannelTarget target)
    {
        _inner = inner;
        Connection = connection;
        Target = target;
    }

    /// <summary>The SSH connection carrying this transport's channel (shared with other transports opened on it).</summary>
    public SshConnection Connection { get; }

    /// <summary>What runs on the channel.</summary>
    public SshChannelTarget Target { get; }

    /// <inheritdoc />
    public TransportCapabilities Capabilities => _inner.Capabilities;

    /// <inheritdoc />
    public ChannelReader<TransportData> Received => _inner.Received;

    /// <inheritdoc />
    public ValueTask OpenRunspacePoolAsync(Guid runspacePoolId, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken) =>
        _inner.OpenRunspacePoolAsync(runspacePoolId, fragments, cancellationToken);

    /// <inheritdoc />
    public ValueTask SendAsync(Guid pipelineId, PsrpStreamKind stream, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken) =>
        _inner.SendAsync(pipelineId, stream, fragments, cancellationToken);

    /// <inheritdoc />
    public ValueTask CreatePipelineAsync(Guid pipelineId, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken) =>
        _inner.CreatePipelineAsync(pipelineId, fragments, cancellationToken);

    /// <inheritdoc />
    public ValueTask StopPipelineAsync(Guid pipelineId, CancellationToken cancellationToken) =>
        _inner.StopPipelineAsync(pipelineId, cancellationToken);

    /// <inheritdoc />
    public ValueTask ClosePipelineAsync(Guid pipelineId, CancellationToken cancellationToken) =>
        _inner.ClosePipelineAsync(pipelineId, cancellationToken);

    /// <inheritdoc />
    public ValueTask CloseRunspacePoolAsync(CancellationToken cancellationToken) =>
        _inner.CloseRunspacePoolAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
