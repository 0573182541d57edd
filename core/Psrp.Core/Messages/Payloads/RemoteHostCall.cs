using Psrp.Host;
using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>
/// RUNSPACEPOOL_HOST_CALL or PIPELINE_HOST_CALL: the server calls a method of the client's host.
/// Void methods carry call id -100 and expect no response.
/// </summary>
/// <param name="CallId">The call id a response must echo.</param>
/// <param name="MethodId">The host method.</param>
/// <param name="Parameters">The method parameters, encoded as PowerShell's host encoder writes them.</param>
public sealed record RemoteHostCall(long CallId, RemoteHostMethodId MethodId, IReadOnlyList<object?> Parameters) : PsrpPayload
{
    /// <summary>The call id PowerShell's server gives calls that return nothing.</summary>
    public const long VoidCallId = -100;

    /// <summary>True for a pipeline host call, false for a runspace-pool host call.</summary>
    public bool IsPipelineCall { get; init; }

    /// <inheritdoc />
    public override MessageType MessageType => IsPipelineCall ? MessageType.PipelineHostCall : MessageType.RunspacePoolHostCall;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion)
    {
        var obj = new PsObject();
        obj.ExtendedProperties.Add("ci", CallId);
        obj.ExtendedProperties.Add("mi", WireEnum.Create(WireEnum.RemoteHostMethodId, MethodId));
        obj.ExtendedProperties.Add("mp", new PsObject(PsTypeNames.ArrayList) { BaseValue = new PsList(Parameters) });
        return obj;
    }

    internal static RemoteHostCall FromClixml(object? value, MessageType type)
    {
        var body = PayloadFields.AsObject(value, type);
        return new RemoteHostCall(
            PayloadFields.Required<long>(body, "ci", type),
            (RemoteHostMethodId)PayloadFields.Required<int>(body, "mi", type),
            PayloadFields.OptionalList(body, "mp", type))
        {
            IsPipelineCall = type == MessageType.PipelineHostCall,
        };
    }
}
