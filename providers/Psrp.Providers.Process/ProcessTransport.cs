using Psrp.OutOfProc;
using Psrp.Transport;

namespace Psrp.Providers.Process;

/// <summary>The out-of-proc transport over a local server process, with the process id for diagnostics.</summary>
public sealed class ProcessTransport : DelegatingPsrpTransport
{
    internal ProcessTransport(OutOfProcTransport inner, int processId, string commandDescription)
        : base(inner)
    {
        ProcessId = processId;
        CommandDescription = commandDescription;
    }

    /// <summary>The server process id.</summary>
    public int ProcessId { get; }

    /// <summary>Which server was started (for logs).</summary>
    public string CommandDescription { get; }
}
