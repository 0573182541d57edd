namespace Psrp.Providers.WSMan.Soap;

/// <summary>The XML namespaces of WS-Management shell messages (psrp-facts §10.3).</summary>
internal static class WSManNamespaces
{
    public const string Soap = "http://www.w3.org/2003/05/soap-envelope";
    public const string Addressing = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public const string WSMan = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    public const string Microsoft = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";
    public const string Shell = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    public const string Transfer = "http://schemas.xmlsoap.org/ws/2004/09/transfer";
    public const string Fault = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";
    public const string PowerShell = "http://schemas.microsoft.com/powershell";

    /// <summary>The anonymous reply address every request names.</summary>
    public const string AnonymousRole = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";
}
