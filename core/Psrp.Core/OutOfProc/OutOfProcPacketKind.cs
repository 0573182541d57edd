namespace Psrp.OutOfProc;

/// <summary>The packet forms of the out-of-process framing (psrp-facts §6.1).</summary>
public enum OutOfProcPacketKind
{
    /// <summary><c>&lt;Data Stream='…' PSGuid='…'&gt;base64&lt;/Data&gt;</c>: fragment bytes.</summary>
    Data,

    /// <summary><c>&lt;DataAck PSGuid='…' /&gt;</c>: the receiver took the last Data of that channel.</summary>
    DataAck,

    /// <summary><c>&lt;Command PSGuid='…' /&gt;</c>: create the pipeline channel.</summary>
    Command,

    /// <summary><c>&lt;CommandAck PSGuid='…' /&gt;</c>: the pipeline channel exists.</summary>
    CommandAck,

    /// <summary><c>&lt;Signal PSGuid='…' /&gt;</c>: stop the pipeline.</summary>
    Signal,

    /// <summary><c>&lt;SignalAck PSGuid='…' /&gt;</c>.</summary>
    SignalAck,

    /// <summary><c>&lt;Close PSGuid='…' /&gt;</c>: close a pipeline, or the session on the null guid.</summary>
    Close,

    /// <summary><c>&lt;CloseAck PSGuid='…' /&gt;</c>.</summary>
    CloseAck,
}
