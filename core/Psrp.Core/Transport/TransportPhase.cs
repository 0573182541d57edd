namespace Psrp.Transport;

/// <summary>What the transport was doing when it failed; part of every transport error.</summary>
public enum TransportPhase
{
    /// <summary>Reaching the server (starting the process, connecting the socket, authenticating).</summary>
    Connect,

    /// <summary>Opening the runspace pool.</summary>
    OpenRunspacePool,

    /// <summary>Creating a pipeline.</summary>
    CreatePipeline,

    /// <summary>Sending data (input, host responses, pool requests).</summary>
    Send,

    /// <summary>Receiving data.</summary>
    Receive,

    /// <summary>Stopping a pipeline.</summary>
    StopPipeline,

    /// <summary>Closing a pipeline.</summary>
    ClosePipeline,

    /// <summary>Closing the runspace pool.</summary>
    CloseRunspacePool,
}
