namespace Psrp.WSMan.Endpoint.Soap;

/// <summary>
/// A request the endpoint answers with a SOAP fault, in WinRM's shape: <c>s:Code</c> with a subcode,
/// <c>s:Reason</c>, optional <c>w:FaultDetail</c>, and <c>f:WSManFault</c> carrying the numeric code,
/// the machine and the message. Sent with HTTP 500, as WinRM does.
/// </summary>
public sealed class WSManFaultException : Exception
{
    /// <summary>Creates a fault.</summary>
    /// <param name="code">The SOAP code value, <c>s:Sender</c> or <c>s:Receiver</c>.</param>
    /// <param name="subcode">The qualified subcode, e.g. <c>w:TimedOut</c>.</param>
    /// <param name="wsmanCode">The WSManFault <c>Code</c> (a Win32 or WinRM HRESULT as unsigned).</param>
    /// <param name="message">The reason and WSManFault message.</param>
    /// <param name="faultDetail">The <c>w:FaultDetail</c> URI, or null.</param>
    public WSManFaultException(string code, string subcode, uint wsmanCode, string message, string? faultDetail = null)
        : base(message)
    {
        Code = code;
        Subcode = subcode;
        WSManCode = wsmanCode;
        FaultDetail = faultDetail;
    }

    /// <summary>The SOAP code value, <c>s:Sender</c> or <c>s:Receiver</c>.</summary>
    public string Code { get; }

    /// <summary>The qualified subcode (prefix <c>w:</c> or <c>a:</c>).</summary>
    public string Subcode { get; }

    /// <summary>The WSManFault <c>Code</c> attribute.</summary>
    public uint WSManCode { get; }

    /// <summary>The <c>w:FaultDetail</c> URI, or null.</summary>
    public string? FaultDetail { get; }
}
