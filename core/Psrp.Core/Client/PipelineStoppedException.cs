using Psrp.Messages;

namespace Psrp.Client;

/// <summary>A remote pipeline was stopped before it completed.</summary>
public sealed class PipelineStoppedException : PsrpRemoteException
{
    /// <summary>Creates the exception.</summary>
    public PipelineStoppedException(PsErrorRecord? errorRecord)
        : base("The remote pipeline was stopped", errorRecord)
    {
    }
}
