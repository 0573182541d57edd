namespace Psrp;

/// <summary>
/// The peer sent bytes that break the PowerShell Remoting Protocol: a malformed fragment, an
/// impossible length, a truncated message, bad CLIXML, and so on.
/// </summary>
/// <remarks>
/// The connection that produced this error should be considered broken: the receiver cannot
/// resynchronise a fragment stream once it is corrupt. Messages never include message payloads,
/// because payloads can carry secrets.
/// </remarks>
public class PsrpProtocolException : Exception
{
    /// <summary>Creates the exception with the kind of failure and a description of it.</summary>
    /// <param name="code">What kind of protocol violation was detected.</param>
    /// <param name="message">What was wrong, with the ids and lengths involved.</param>
    public PsrpProtocolException(PsrpProtocolError code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Creates the exception with the kind of failure, a description and the underlying cause.</summary>
    /// <param name="code">What kind of protocol violation was detected.</param>
    /// <param name="message">What was wrong, with the ids and lengths involved.</param>
    /// <param name="innerException">The lower-level error that revealed the violation (e.g. an XML parser error).</param>
    public PsrpProtocolException(PsrpProtocolError code, string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>The kind of protocol violation.</summary>
    public PsrpProtocolError Code { get; }
}
