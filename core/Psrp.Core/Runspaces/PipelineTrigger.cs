namespace Psrp.Runspaces;

/// <summary>What moves a client pipeline from one state to the next.</summary>
public enum PipelineTrigger
{
    /// <summary>The user invokes the pipeline (CREATE_PIPELINE goes out).</summary>
    Invoke,

    /// <summary>The user asks to stop it.</summary>
    Stop,

    /// <summary>The server reported Running.</summary>
    ServerRunning,

    /// <summary>The server reported Stopping.</summary>
    ServerStopping,

    /// <summary>The server reported Stopped.</summary>
    ServerStopped,

    /// <summary>The server reported Completed.</summary>
    ServerCompleted,

    /// <summary>The server reported Failed.</summary>
    ServerFailed,

    /// <summary>The server reported Disconnected (WSMan).</summary>
    ServerDisconnected,

    /// <summary>The connection or the pool died.</summary>
    TransportFailed,

    /// <summary>
    /// The start was given up (cancelled) before the server answered it: there is no final state to wait
    /// for, and closing the pipeline's channel ends whatever the server may have started.
    /// </summary>
    StartCancelled,
}
