using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>
/// RUNSPACE_AVAILABILITY: the answer to SET_MIN/MAX_RUNSPACES (a Boolean), GET_AVAILABLE_RUNSPACES
/// (an Int64 count) or RESET_RUNSPACE_STATE (a Boolean), matched by call id.
/// </summary>
/// <param name="Response">The <c>SetMinMaxRunspacesResponse</c> value: a <see cref="bool"/> or a <see cref="long"/>.</param>
/// <param name="CallId">The call id of the request.</param>
public sealed record RunspaceAvailability(object Response, long CallId) : PsrpPayload
{
    /// <summary>The Boolean answer of a set or reset request, or null when the answer is a count.</summary>
    public bool? Succeeded => Response as bool?;

    /// <summary>The count answered to GET_AVAILABLE_RUNSPACES, or null when the answer is a Boolean.</summary>
    public long? AvailableRunspaces => Response is bool ? null : PsValue.ConvertTo<long>(Response);

    /// <inheritdoc />
    public override MessageType MessageType => MessageType.RunspaceAvailability;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion)
    {
        var obj = new PsObject();
        obj.ExtendedProperties.Add("SetMinMaxRunspacesResponse", Response);
        obj.ExtendedProperties.Add("ci", CallId);
        return obj;
    }

    internal static RunspaceAvailability FromClixml(object? value)
    {
        const MessageType type = MessageType.RunspaceAvailability;
        var body = PayloadFields.AsObject(value, type);
        var response = PayloadFields.Required<object>(body, "SetMinMaxRunspacesResponse", type);
        if (response is not (bool or long or int))
        {
            throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, $"{type} response must be a Boolean or an Int64.");
        }

        return new RunspaceAvailability(response, PayloadFields.Required<long>(body, "ci", type));
    }
}
