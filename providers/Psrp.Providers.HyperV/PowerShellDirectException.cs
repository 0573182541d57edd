using Psrp.Transport;

namespace Psrp.Providers.HyperV;

/// <summary>
/// A PowerShell Direct connection failed: a Connect-phase <see cref="PsrpTransportException"/> of
/// the <c>hyperv</c> transport that says why (<see cref="Error"/>) in a machine-readable way. Its
/// message never contains the password or the session token.
/// </summary>
public sealed class PowerShellDirectException : PsrpTransportException
{
    /// <summary>Creates the exception.</summary>
    public PowerShellDirectException(PowerShellDirectError error, string message, Exception? innerException = null)
        : base(HyperVTransportProvider.Name, TransportPhase.Connect, message, innerException)
    {
        Error = error;
    }

    /// <summary>What went wrong.</summary>
    public PowerShellDirectError Error { get; }
}
