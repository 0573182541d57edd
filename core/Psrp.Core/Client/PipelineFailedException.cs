using Psrp.Messages;

namespace Psrp.Client;

/// <summary>A remote pipeline ended in the Failed state (a terminating error).</summary>
public sealed class PipelineFailedException : PsrpRemoteException
{
    /// <summary>Creates the exception.</summary>
    public PipelineFailedException(PsErrorRecord? errorRecord)
        : base("The remote pipeline failed", errorRecord)
    {
    }
}
