namespace Psrp.Messages;

/// <summary>The state of a pipeline (.NET PSInvocationState values). Stopped, Completed and Failed are terminal.</summary>
/// <remarks>On the wire: an enum object of type <c>System.Management.Automation.PSInvocationState</c>, read by its integer.</remarks>
public enum PSInvocationState
{
    /// <summary>Not started.</summary>
    NotStarted = 0,

    /// <summary>Running.</summary>
    Running = 1,

    /// <summary>Being stopped.</summary>
    Stopping = 2,

    /// <summary>Stopped by request (terminal).</summary>
    Stopped = 3,

    /// <summary>Completed (terminal).</summary>
    Completed = 4,

    /// <summary>Failed (terminal).</summary>
    Failed = 5,

    /// <summary>Disconnected (WSMan).</summary>
    Disconnected = 6,
}
