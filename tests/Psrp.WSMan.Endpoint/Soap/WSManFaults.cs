namespace Psrp.WSMan.Endpoint.Soap;

/// <summary>
/// The faults the endpoint sends. Codes and subcodes marked "recorded" come from real WinRM responses
/// (pypsrp recordings, psrp-facts §10.5/§13, PowerShell's WSManNativeApi constants); the others are
/// the closest WinRM/PowerShell-plugin codes known and are listed as inferred in the README.
/// Messages are the endpoint's own wording.
/// </summary>
public static class WSManFaults
{
    private const string Detail = "http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/";

    /// <summary>ERROR_WSMAN_OPERATION_TIMEDOUT (0x80338029), recorded: no output within the request's OperationTimeout.</summary>
    public const uint OperationTimeoutCode = 2150858793;

    /// <summary>ERROR_WSMAN_INVALID_RESOURCE_URI (0x8033803B), from PowerShell's WSManNativeApi: PowerShell maps it to "cannot find the session configuration".</summary>
    public const uint InvalidResourceUriCode = 2150858811;

    /// <summary>0x8033805B, recorded for a Receive on a command identifier that does not exist.</summary>
    public const uint UnknownCommandCode = 2150858843;

    /// <summary>0x803381A5, recorded: the per-user shell quota is exceeded.</summary>
    public const uint ShellQuotaCode = 2150859173;

    /// <summary>0x80338111, the code WinRM clients report for a request over the service's MaxEnvelopeSize (inferred as the service's own).</summary>
    public const uint RequestTooLargeCode = 2150859025;

    /// <summary>Win32 ERROR_ACCESS_DENIED.</summary>
    public const uint AccessDeniedCode = 5;

    /// <summary>PowerShell plugin ProtocolVersionNotFound (0x80540BC7).</summary>
    public const uint ProtocolVersionNotFoundCode = 0x80540BC7;

    /// <summary>PowerShell plugin ProtocolVersionNotMatch (0x80540BC5).</summary>
    public const uint ProtocolVersionNotMatchCode = 0x80540BC5;

    /// <summary>PowerShell plugin ManagedException (0x80540FA0): the server behind the shell failed.</summary>
    public const uint PluginFailureCode = 0x80540FA0;

    /// <summary>PowerShell plugin InvalidInputStream (0x80540BBE).</summary>
    public const uint InvalidInputStreamCode = 0x80540BBE;

    /// <summary>The shell or command named in the request does not exist (inferred code; recorded subcode).</summary>
    public const uint UnknownShellCode = 2150858843;

    /// <summary>A malformed envelope or body (inferred code).</summary>
    public const uint SchemaValidationCode = 2150858817;

    /// <summary>An action the endpoint does not implement (inferred code).</summary>
    public const uint ActionNotSupportedCode = 2150858757;

    /// <summary>The request's MaxEnvelopeSize is below WS-Management's minimum of 8192 (inferred code).</summary>
    public const uint MinimumEnvelopeCode = 2150858818;

    /// <summary>No output within the request's OperationTimeout: ask again.</summary>
    public static WSManFaultException OperationTimeout() => new(
        "s:Receiver", "w:TimedOut", OperationTimeoutCode,
        "The WS-Management service cannot complete the operation within the time specified in OperationTimeout.",
        Detail + "OperationTimeout");

    /// <summary>The resource URI names no session configuration of this endpoint.</summary>
    public static WSManFaultException InvalidResourceUri(string? resourceUri) => new(
        "s:Sender", "a:DestinationUnreachable", InvalidResourceUriCode,
        $"The WS-Management service cannot process the request. The resource URI '{resourceUri}' does not name a session configuration of this service.",
        Detail + "InvalidResourceURI");

    /// <summary>No shell with this ShellId.</summary>
    public static WSManFaultException UnknownShell(string? shellId) => new(
        "s:Sender", "w:InvalidSelectors", UnknownShellCode,
        $"The request for the Windows Remote Shell with ShellId {shellId} failed because the shell was not found on the server.",
        Detail + "UnexpectedSelectors");

    /// <summary>No command with this CommandId in the shell.</summary>
    public static WSManFaultException UnknownCommand(string? commandId) => new(
        "s:Sender", "w:InvalidSelectors", UnknownCommandCode,
        $"The Windows Remote Shell received a request to perform an operation on command identifier {commandId}, which does not exist. Either the command has completed execution or the client specified an invalid command identifier.",
        Detail + "UnexpectedSelectors");

    /// <summary>The user has as many shells open as the quota allows.</summary>
    public static WSManFaultException ShellQuota(int limit) => new(
        "s:Sender", "w:QuotaLimit", ShellQuotaCode,
        $"The WS-Management service cannot process the request. This user is allowed a maximum number of {limit} concurrent shells, which has been exceeded. Close existing shells or raise the quota for this user.");

    /// <summary>The request envelope is larger than the service's MaxEnvelopeSize.</summary>
    public static WSManFaultException RequestTooLarge(long size, int limit) => new(
        "s:Sender", "w:EncodingLimit", RequestTooLargeCode,
        $"The WS-Management service cannot process the request because the request envelope of {size} bytes exceeds the service's MaxEnvelopeSize of {limit} bytes.",
        Detail + "ServiceEnvelopeLimit");

    /// <summary>The client's MaxEnvelopeSize is too small for any response.</summary>
    public static WSManFaultException MinimumEnvelope(int requested) => new(
        "s:Sender", "w:EncodingLimit", MinimumEnvelopeCode,
        $"The WS-Management service cannot process the request because the MaxEnvelopeSize of {requested} bytes is below the minimum of 8192 bytes.",
        Detail + "MinimumEnvelopeLimit");

    /// <summary>The authenticated user may not use this shell.</summary>
    public static WSManFaultException AccessDenied(string message) => new("s:Sender", "w:AccessDenied", AccessDeniedCode, message);

    /// <summary>Create without the protocolversion option.</summary>
    public static WSManFaultException ProtocolVersionNotFound() => new(
        "s:Receiver", "w:InternalError", ProtocolVersionNotFoundCode,
        "The PowerShell plugin needs the protocolversion option in the Create request; the client sent none. This server supports protocol version 2.0 and later 2.x versions.");

    /// <summary>Create with a protocolversion the plugin does not support.</summary>
    public static WSManFaultException ProtocolVersionNotMatch(string version) => new(
        "s:Receiver", "w:InternalError", ProtocolVersionNotMatchCode,
        $"The client's protocolversion {version} is not supported; this server supports protocol version 2.0 and later 2.x versions.");

    /// <summary>The PowerShell server behind the shell failed.</summary>
    public static WSManFaultException PluginFailure(string message) => new("s:Receiver", "w:InternalError", PluginFailureCode, message);

    /// <summary>An input stream other than stdin and pr.</summary>
    public static WSManFaultException InvalidInputStream(string? name) => new(
        "s:Sender", "w:InvalidParameter", InvalidInputStreamCode,
        $"The PowerShell plugin accepts input on the streams stdin and pr only, not '{name}'.");

    /// <summary>A malformed envelope or a body missing what the action needs.</summary>
    public static WSManFaultException SchemaValidation(string message) => new(
        "s:Sender", "w:SchemaValidationError", SchemaValidationCode, message);

    /// <summary>An action the endpoint does not implement.</summary>
    public static WSManFaultException ActionNotSupported(string? action) => new(
        "s:Sender", "a:ActionNotSupported", ActionNotSupportedCode,
        $"The WS-Management service cannot process the request. The action '{action}' is not supported by this service.");
}
