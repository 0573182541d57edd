namespace Psrp;

/// <summary>
/// Input received from a peer broke the protocol: a malformed fragment, message or CLIXML
/// document, or a configured limit was exceeded. The message says what was wrong and where.
/// </summary>
public class PsrpProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PsrpProtocolException(PsrpProtocolError code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>Which rule was broken.</summary>
    public PsrpProtocolError Code { get; }
}
