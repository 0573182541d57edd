namespace Psrp.Transport;

/// <summary>
/// The session parameters do not form a valid parameter set: parameters from different sets were
/// combined, a parameter does not belong to the chosen set, or a mandatory one is missing.
/// </summary>
public sealed class SessionParameterException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public SessionParameterException(string message)
        : base(message)
    {
    }
}
