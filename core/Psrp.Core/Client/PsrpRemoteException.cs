using Psrp.Messages;

namespace Psrp.Client;

/// <summary>
/// The server reported a failure: a pipeline Failed, or the runspace pool Broke. Carries the
/// remote ErrorRecord as the server sent it.
/// </summary>
public class PsrpRemoteException : Exception
{
    /// <summary>Creates the exception from the remote error (null when the server sent none).</summary>
    public PsrpRemoteException(string message, PsErrorRecord? errorRecord, Exception? innerException = null)
        : base(errorRecord is null ? message : $"{message}: {errorRecord.Message}", innerException)
    {
        ErrorRecord = errorRecord;
    }

    /// <summary>The remote ErrorRecord, or null.</summary>
    public PsErrorRecord? ErrorRecord { get; }
}
