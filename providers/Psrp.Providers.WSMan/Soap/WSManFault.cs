namespace Psrp.Providers.WSMan.Soap;

/// <summary>A SOAP fault as WinRM sends it: the SOAP codes, the reason and the <c>f:WSManFault</c> detail.</summary>
/// <param name="Code">The SOAP fault code value, e.g. <c>s:Sender</c> or <c>s:Receiver</c>.</param>
/// <param name="Subcode">The subcode value, e.g. <c>w:TimedOut</c>, <c>w:InvalidSelectors</c>, <c>w:AccessDenied</c>.</param>
/// <param name="Reason">The <c>s:Reason/s:Text</c>.</param>
/// <param name="WSManCode">The <c>f:WSManFault Code</c> (a Win32/WinRM error number, e.g. 2150858793), when present.</param>
/// <param name="Machine">The <c>f:WSManFault Machine</c>, when present.</param>
/// <param name="Message">The innermost <c>f:Message</c> text, else the reason.</param>
/// <param name="Detail">The <c>w:FaultDetail</c> URI, when present.</param>
public sealed record WSManFault(string Code, string? Subcode, string Reason, uint? WSManCode, string? Machine, string Message, string? Detail)
{
    /// <summary>True for the OperationTimeout fault a Receive gets when no data came in time (ask again).</summary>
    public bool IsOperationTimeout =>
        WSManCode == WSManActions.OperationTimedOutCode
        || (WSManCode is null && Subcode is { } s && s.EndsWith(":" + WSManActions.TimedOutSubcode, StringComparison.Ordinal));

    /// <summary>True for <c>w:InvalidSelectors</c> (2150858843): the server knows no shell or command by that id.</summary>
    public bool IsInvalidSelectors =>
        WSManCode == InvalidSelectorsCode || (Subcode is { } s && s.EndsWith(":InvalidSelectors", StringComparison.Ordinal));

    /// <summary>WinRM's code for an unknown shell or command (ERROR_WSMAN_INVALID_SELECTORS).</summary>
    public const uint InvalidSelectorsCode = 2150858843;

    /// <summary>The subcode without its prefix (<c>TimedOut</c>), or the code's.</summary>
    public string Name => LocalName(Subcode ?? Code);

    private static string LocalName(string qualified)
    {
        var colon = qualified.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? qualified : qualified[(colon + 1)..];
    }
}
