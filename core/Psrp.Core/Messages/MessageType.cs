namespace Psrp.Messages;

/// <summary>
/// The MessageType field of a PSRP message header (MS-PSRP 2.2.1). The high bits say what the
/// message targets (see <see cref="MessageTypeExtensions.GetTarget"/>).
/// </summary>
/// <remarks>
/// A decoded header keeps values that are not listed here (see <see cref="PsrpMessage.IsKnownType"/>);
/// the layer that handles the message decides whether that is an error. The values are hex and
/// not contiguous: 0x00041009 is followed by 0x00041010.
/// </remarks>
public enum MessageType : uint
{
    /// <summary>SESSION_CAPABILITY (both directions): protocol, PowerShell and serialization versions, optional time zone.</summary>
    SessionCapability = 0x00010002,

    /// <summary>
    /// Not in MS-PSRP: PowerShell's internal CloseSession. PowerShell handles it on receipt but
    /// never sends it, so a client never needs to send it either.
    /// </summary>
    CloseSession = 0x00010003,

    /// <summary>INIT_RUNSPACEPOOL (client to server): min/max runspaces, thread options, apartment state, host info, application arguments.</summary>
    InitRunspacePool = 0x00010004,

    /// <summary>PUBLIC_KEY (client to server): the client's RSA public key for the session-key exchange.</summary>
    PublicKey = 0x00010005,

    /// <summary>ENCRYPTED_SESSION_KEY (server to client): the AES session key encrypted with the client's public key.</summary>
    EncryptedSessionKey = 0x00010006,

    /// <summary>PUBLIC_KEY_REQUEST (server to client): asks the client to start the session-key exchange.</summary>
    PublicKeyRequest = 0x00010007,

    /// <summary>CONNECT_RUNSPACEPOOL (client to server): reconnects to a disconnected pool; not for protocol 2.0/2.1.</summary>
    ConnectRunspacePool = 0x00010008,

    /// <summary>SET_MAX_RUNSPACES (client to server): changes the pool's maximum size.</summary>
    SetMaxRunspaces = 0x00021002,

    /// <summary>SET_MIN_RUNSPACES (client to server): changes the pool's minimum size.</summary>
    SetMinRunspaces = 0x00021003,

    /// <summary>RUNSPACE_AVAILABILITY (server to client): answer to set-min/max, get-available and reset requests.</summary>
    RunspaceAvailability = 0x00021004,

    /// <summary>RUNSPACEPOOL_STATE (server to client): the pool's new state, optionally with an error record.</summary>
    RunspacePoolState = 0x00021005,

    /// <summary>CREATE_PIPELINE (client to server): the commands of a new pipeline and its settings.</summary>
    CreatePipeline = 0x00021006,

    /// <summary>GET_AVAILABLE_RUNSPACES (client to server): asks how many runspaces are free.</summary>
    GetAvailableRunspaces = 0x00021007,

    /// <summary>USER_EVENT (server to client): a PowerShell event forwarded from the server.</summary>
    UserEvent = 0x00021008,

    /// <summary>APPLICATION_PRIVATE_DATA (server to client): the server's private data, including <c>PSVersionTable</c>.</summary>
    ApplicationPrivateData = 0x00021009,

    /// <summary>GET_COMMAND_METADATA (client to server): asks for command metadata (implicit remoting); not in protocol 2.0.</summary>
    GetCommandMetadata = 0x0002100A,

    /// <summary>RUNSPACEPOOL_INIT_DATA (server to client): min/max runspaces, in reply to CONNECT_RUNSPACEPOOL.</summary>
    RunspacePoolInitData = 0x0002100B,

    /// <summary>RESET_RUNSPACE_STATE (client to server): resets the runspace state; protocol 2.3 and later.</summary>
    ResetRunspaceState = 0x0002100C,

    /// <summary>RUNSPACEPOOL_HOST_CALL (server to client): a host method call made outside any pipeline.</summary>
    RunspacePoolHostCall = 0x00021100,

    /// <summary>RUNSPACEPOOL_HOST_RESPONSE (client to server): the result of a <see cref="RunspacePoolHostCall"/>.</summary>
    RunspacePoolHostResponse = 0x00021101,

    /// <summary>PIPELINE_INPUT (client to server): one input object for a pipeline.</summary>
    PipelineInput = 0x00041002,

    /// <summary>END_OF_PIPELINE_INPUT (client to server): no more input; the message has no data.</summary>
    EndOfPipelineInput = 0x00041003,

    /// <summary>PIPELINE_OUTPUT (server to client): one output object.</summary>
    PipelineOutput = 0x00041004,

    /// <summary>ERROR_RECORD (server to client): one error record from the error stream.</summary>
    ErrorRecord = 0x00041005,

    /// <summary>PIPELINE_STATE (server to client): the pipeline's new state, optionally with an error record.</summary>
    PipelineState = 0x00041006,

    /// <summary>DEBUG_RECORD (server to client): one record from the debug stream.</summary>
    DebugRecord = 0x00041007,

    /// <summary>VERBOSE_RECORD (server to client): one record from the verbose stream.</summary>
    VerboseRecord = 0x00041008,

    /// <summary>WARNING_RECORD (server to client): one record from the warning stream.</summary>
    WarningRecord = 0x00041009,

    /// <summary>PROGRESS_RECORD (server to client): one progress record.</summary>
    ProgressRecord = 0x00041010,

    /// <summary>INFORMATION_RECORD (server to client): one information record; protocol 2.3 and later.</summary>
    InformationRecord = 0x00041011,

    /// <summary>
    /// Not in MS-PSRP: PowerShell's internal StopPowerShell. PowerShell handles it on receipt but
    /// never sends it (pipelines are stopped by the transport's signal), so a client never needs to send it.
    /// </summary>
    StopPowerShell = 0x00041012,

    /// <summary>PIPELINE_HOST_CALL (server to client): a host method call made by a running pipeline.</summary>
    PipelineHostCall = 0x00041100,

    /// <summary>PIPELINE_HOST_RESPONSE (client to server): the result of a <see cref="PipelineHostCall"/>.</summary>
    PipelineHostResponse = 0x00041101,
}
