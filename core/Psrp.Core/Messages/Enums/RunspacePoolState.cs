namespace Psrp.Messages;

/// <summary>The state of a runspace pool as the server reports it (.NET RunspacePoolState values).</summary>
/// <remarks>On the wire: an enum object of type <c>System.Management.Automation.Runspaces.RunspacePoolState</c>, read by its integer.</remarks>
public enum RunspacePoolState
{
    /// <summary>Not yet opened.</summary>
    BeforeOpen = 0,

    /// <summary>Being opened.</summary>
    Opening = 1,

    /// <summary>Open and usable.</summary>
    Opened = 2,

    /// <summary>Closed.</summary>
    Closed = 3,

    /// <summary>Being closed.</summary>
    Closing = 4,

    /// <summary>Failed; unusable.</summary>
    Broken = 5,

    /// <summary>Being disconnected (WSMan).</summary>
    Disconnecting = 6,

    /// <summary>Disconnected (WSMan).</summary>
    Disconnected = 7,

    /// <summary>Being connected (WSMan).</summary>
    Connecting = 8,
}
