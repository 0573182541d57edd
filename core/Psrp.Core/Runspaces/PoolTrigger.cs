namespace Psrp.Runspaces;

/// <summary>What moves a client runspace pool from one state to the next.</summary>
public enum PoolTrigger
{
    /// <summary>The user opens the pool (SESSION_CAPABILITY and INIT_RUNSPACEPOOL go out).</summary>
    Open,

    /// <summary>The server reported Opened.</summary>
    ServerOpened,

    /// <summary>The server reported Broken, or broke the protocol.</summary>
    ServerBroken,

    /// <summary>The server reported Closed.</summary>
    ServerClosed,

    /// <summary>The user closes the pool.</summary>
    Close,

    /// <summary>The close handshake finished.</summary>
    CloseCompleted,

    /// <summary>The connection died.</summary>
    TransportFailed,
}
