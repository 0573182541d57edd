namespace Psrp.Transport;

/// <summary>
/// The connection to the server failed or broke: the process exited, the socket closed, a
/// wait timed out, the server reported an error. Says which transport, in which phase, and why.
/// </summary>
public class PsrpTransportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PsrpTransportException(string transportName, TransportPhase phase, string message, Exception? innerException = null)
        : base($"{transportName} transport failed while {Describe(phase)}: {message}", innerException)
    {
        TransportName = transportName;
        Phase = phase;
    }

    /// <summary>The transport's name (e.g. <c>process</c>, <c>ssh</c>).</summary>
    public string TransportName { get; }

    /// <summary>What the transport was doing.</summary>
    public TransportPhase Phase { get; }

    /// <summary>
    /// The exception a transport's operation in <paramref name="phase"/> throws once the connection has
    /// failed with <paramref name="failure"/>: that failure itself when it happened in the same phase,
    /// else a new one for this phase whose message says what happened. Its inner exception is the root
    /// cause (a transport failure's own inner exception, such as the <see cref="PsrpProtocolException"/>
    /// behind a garbled packet), so callers see the same cause whichever operation noticed the failure first.
    /// </summary>
    public static PsrpTransportException ForFailure(string transportName, TransportPhase phase, Exception? failure) => failure switch
    {
        PsrpTransportException te when te.Phase == phase => te,
        PsrpTransportException te => new PsrpTransportException(transportName, phase, te.Message, te.InnerException ?? te),
        { } other => new PsrpTransportException(transportName, phase, other.Message, other),
        null => new PsrpTransportException(transportName, phase, "the transport failed."),
    };

    private static string Describe(TransportPhase phase) => phase switch
    {
        TransportPhase.Connect => "connecting",
        TransportPhase.OpenRunspacePool => "opening the runspace pool",
        TransportPhase.CreatePipeline => "creating a pipeline",
        TransportPhase.Send => "sending",
        TransportPhase.Receive => "receiving",
        TransportPhase.StopPipeline => "stopping a pipeline",
        TransportPhase.ClosePipeline => "closing a pipeline",
        TransportPhase.CloseRunspacePool => "closing the runspace pool",
        _ => phase.ToString(),
    };
}
