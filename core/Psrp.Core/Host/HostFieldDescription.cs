namespace Psrp.Host;

/// <summary>One field of a Prompt call (PowerShell's FieldDescription).</summary>
/// <param name="Name">Field name; the key of the answer.</param>
/// <param name="Label">Label to show (may contain an <c>&amp;</c> hot-key marker).</param>
/// <param name="ParameterTypeName">Short type name, e.g. <c>String</c>, <c>SecureString</c>, <c>PSCredential</c>, <c>String[]</c>.</param>
/// <param name="ParameterTypeFullName">Full type name.</param>
/// <param name="HelpMessage">Help text.</param>
/// <param name="IsMandatory">Whether a value is required.</param>
public sealed record HostFieldDescription(string Name, string Label, string ParameterTypeName, string ParameterTypeFullName, string HelpMessage, bool IsMandatory)
{
    /// <summary>True when the answer must travel as a SecureString.</summary>
    public bool IsSecureString => ParameterTypeFullName == "System.Security.SecureString";

    /// <summary>True when the answer is a credential.</summary>
    public bool IsCredential => ParameterTypeFullName == "System.Management.Automation.PSCredential";
}
