namespace Psrp.Host;

/// <summary>
/// A host method could not do what the server asked (no console, prompt refused, not supported).
/// The session sends it back to the server as the method's error, so the remote command sees a
/// clear message instead of hanging.
/// </summary>
public class PsrpHostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PsrpHostException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
