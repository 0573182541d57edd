using System.Xml.Linq;

namespace Psrp.WSMan.Endpoint.Soap;

/// <summary>The XML namespaces of WS-Management as WinRM uses them (psrp-facts §10.3).</summary>
public static class WSManNamespaces
{
    /// <summary>SOAP 1.2 envelope (<c>s</c>).</summary>
    public static readonly XNamespace Soap = "http://www.w3.org/2003/05/soap-envelope";

    /// <summary>WS-Addressing 2004/08 (<c>a</c> in WinRM's responses, <c>wsa</c> in clients').</summary>
    public static readonly XNamespace Addressing = "http://schemas.xmlsoap.org/ws/2004/08/addressing";

    /// <summary>DMTF WS-Management (<c>w</c> / <c>wsman</c>).</summary>
    public static readonly XNamespace WSMan = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";

    /// <summary>Microsoft's WS-Management extensions (<c>p</c> / <c>wsmv</c>).</summary>
    public static readonly XNamespace MicrosoftWSMan = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";

    /// <summary>WS-Transfer (<c>x</c>).</summary>
    public static readonly XNamespace Transfer = "http://schemas.xmlsoap.org/ws/2004/09/transfer";

    /// <summary>The Windows remote shell (<c>rsp</c>).</summary>
    public static readonly XNamespace Shell = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";

    /// <summary>WinRM's fault detail (<c>f</c>).</summary>
    public static readonly XNamespace WSManFault = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";

    /// <summary>PowerShell's payload namespace (<c>creationXml</c>, <c>connectXml</c>).</summary>
    public static readonly XNamespace PowerShell = "http://schemas.microsoft.com/powershell";

    /// <summary>The prefix of every PowerShell session configuration's resource URI.</summary>
    public const string PowerShellResourceUriPrefix = "http://schemas.microsoft.com/powershell/";

    /// <summary>The anonymous reply-to address WinRM answers to.</summary>
    public const string AnonymousAddress = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";
}
