namespace Psrp.Messages;

/// <summary>What a message type addresses, as encoded in the type's high bits (PowerShell's masks).</summary>
public enum MessageTarget
{
    /// <summary>The type value carries none of the known target masks.</summary>
    Unknown = 0,

    /// <summary>The session itself (mask <c>0x00010000</c>): capability exchange, key exchange, pool creation and connection.</summary>
    Session = 1,

    /// <summary>
    /// A runspace pool (mask <c>0x00021000</c>). CREATE_PIPELINE and GET_COMMAND_METADATA are
    /// addressed to the pool, which creates the pipeline, yet already carry the new pipeline's id.
    /// </summary>
    RunspacePool = 2,

    /// <summary>A pipeline (mask <c>0x00041000</c>); such messages always carry a pipeline id.</summary>
    Pipeline = 3,
}
