namespace Psrp.Messages;

/// <summary>Which records get invocation info attached by the server.</summary>
/// <remarks>On the wire: an enum object of type <c>System.Management.Automation.RemoteStreamOptions</c>, read by its integer.</remarks>
[Flags]
public enum RemoteStreamOptions
{
    /// <summary>No invocation info.</summary>
    None = 0,

    /// <summary>Error records.</summary>
    AddInvocationInfoToErrorRecord = 1,

    /// <summary>Warning records.</summary>
    AddInvocationInfoToWarningRecord = 2,

    /// <summary>Debug records.</summary>
    AddInvocationInfoToDebugRecord = 4,

    /// <summary>Verbose records.</summary>
    AddInvocationInfoToVerboseRecord = 8,

    /// <summary>All records (PowerShell's default).</summary>
    AddInvocationInfo = 15,
}
