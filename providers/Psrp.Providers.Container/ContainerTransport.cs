using Psrp.OutOfProc;
using Psrp.Transport;

namespace Psrp.Providers.Container;

/// <summary>The out-of-proc transport over a PowerShell server exec in a container, with the ids for diagnostics.</summary>
public sealed class ContainerTransport : DelegatingPsrpTransport
{
    internal ContainerTransport(OutOfProcTransport inner, string containerId, string containerName, string execId, string engine, string commandDescription)
        : base(inner)
    {
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
}
