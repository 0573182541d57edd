using Psrp.Host;
using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>
/// RUNSPACEPOOL_HOST_RESPONSE or PIPELINE_HOST_RESPONSE: the client's answer to a non-void host
/// call, sent on the PromptResponse stream. <c>mr</c> is omitted when the value is null,
/// <c>me</c> when there is no error.
/// </summary>
/// <param name="CallId">The call id of the host call.</param>
/// <param name="MethodId">The host method.</param>
public sealed record RemoteHostResponse(long CallId, RemoteHostMethodId MethodId) : PsrpPayload
{
    /// <summary>The method's return value, encoded as the host encoder expects.</summary>
    public object? ReturnValue { get; init; }

    /// <summary>The error the method raised, or null.</summary>
    public PsErrorRecord? Error { get; init; }

    /// <summary>True for a pipeline host response, false for a runspace-pool one.</summary>
    public bool IsPipelineResponse { get; init; }

    /// <inheritdoc />
    public override MessageType MessageType => IsPipelineResponse ? MessageType.PipelineHostResponse : MessageType.RunspacePoolHostResponse;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion)
    {
        // PowerShell writes the optional return value and error first, then the call id and method.
        var obj = new PsObject();
        if (ReturnValue is not null)
        {
            obj.ExtendedProperties.Add("mr", ReturnValue);
        }

        if (Error is not null)
        {
            obj.ExtendedProperties.Add("me", Error.ToPsObject());
        }

        obj.ExtendedProperties.Add("ci", CallId);
        obj.ExtendedProperties.Add("mi", WireEnum.Create(WireEnum.RemoteHostMethodId, MethodId));
        return obj;
    }

    internal static RemoteHostResponse FromClixml(object? value, MessageType type)
    {
        var body = PayloadFields.AsObject(value, type);
        return new RemoteHostResponse(PayloadFields.Required<long>(body, "ci", type), (RemoteHostMethodId)PayloadFields.Required<int>(body, "mi", type))
        {
            ReturnValue = body["mr"],
            Error = PsErrorRecord.FromOptional(body, "me", type),
            IsPipelineResponse = type == MessageType.PipelineHostResponse,
        };
    }
}
