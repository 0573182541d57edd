using System.Threading.Channels;
using Psrp.OutOfProc;
using Psrp.Transport;

namespace Psrp.Providers.Container;

/// <summary>The out-of-proc transport over a PowerShell server exec in a container, with the ids for diagnostics.</summary>
public sealed class ContainerTransport : IPsrpTransport
{
    private readonly OutOfProcTransport _inner;

    internal ContainerTransport(OutOfProcTransport inner, string containerId, string containerName, string execId, string engine, string commandDescription)
    {
        _inner = inner;
        ContainerId = containerId;
        ContainerName = containerName;
        ExecId = execId;
        Engine = engine;
        CommandDescription = commandDescription;
    }

    /// <summary>The container's full id.</summary>
    public string ContainerId { get; }

    /// <summary>The container's name.</summary>
    public string ContainerName { get; }

    /// <summary>The id of the exec running the server (the engine's <c>/exec/{id}/json</c> describes it).</summary>
    public string ExecId { get; }

    /// <summary>The engine endpoint used.</summary>
    public string Engine { get; }

    /// <summary>What runs in the container and as whom (for logs).</summary>
    public string CommandDescription { get; }

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

    /// <summary>Closes the server's stdin, waits for it to exit (killing it after the grace period), and releases the engine connection.</summary>
    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
