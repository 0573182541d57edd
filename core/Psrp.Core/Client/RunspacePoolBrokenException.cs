using Psrp.Messages;

namespace Psrp.Client;

/// <summary>The server reported the runspace pool Broken; the pool is unusable.</summary>
public sealed class RunspacePoolBrokenException : PsrpRemoteException
{
    /// <summary>Creates the exception.</summary>
    public RunspacePoolBrokenException(PsErrorRecord? errorRecord)
        : base("The remote runspace pool is broken", errorRecord)
    {
    }
}
