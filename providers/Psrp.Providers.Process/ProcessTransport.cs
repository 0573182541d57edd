using System.Threading.Channels;
using Psrp.OutOfProc;
using Psrp.Transport;

namespace Psrp.Providers.Process;

/// <summary>The out-of-proc transport over a local server process, with the process id for diagnostics.</summary>
public sealed class ProcessTransport : IPsrpTransport
{
    private readonly OutOfProcTransport _inner;

    internal ProcessTransport(OutOfProcTransport inner, int processId, string commandDescription)
    {
        _inner = inner;
        ProcessId = processId;
        CommandDescription = commandDescription;
    }

    /// <summary>The server process id.</summary>
    public int ProcessId { get; }

    /// <summary>Which server was started (for logs).</summary>
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

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
