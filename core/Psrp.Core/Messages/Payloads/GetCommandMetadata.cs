using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>
/// GET_COMMAND_METADATA (protocol 2.1+): runs as a pipeline; the server answers with a count
/// object and one command-info object per match, then the pipeline state.
/// </summary>
public sealed record GetCommandMetadata : PsrpPayload
{
    private static readonly PsTypeNames StringArrayNames = new("System.String[]", "System.Array", "System.Object");

    /// <summary>Command name patterns (wildcards allowed).</summary>
    public IReadOnlyList<string> Names { get; init; } = ["*"];

    /// <summary>Which kinds of commands to list.</summary>
    public CommandTypes CommandType { get; init; } = CommandTypes.Alias | CommandTypes.Function | CommandTypes.Filter | CommandTypes.Cmdlet;

    /// <summary>Module name patterns, or null for all.</summary>
    public IReadOnlyList<string>? Namespace { get; init; }

    /// <summary>Arguments used to resolve dynamic parameters, or null.</summary>
    public IReadOnlyList<object?>? ArgumentList { get; init; }

    /// <inheritdoc />
    public override MessageType MessageType => MessageType.GetCommandMetadata;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion)
    {
        var obj = new PsObject();
        var notes = obj.ExtendedProperties;
        notes.Add("Name", StringArray(Names));
        notes.Add("CommandType", WireEnum.Create(WireEnum.CommandTypes, CommandType));
        notes.Add("Namespace", Namespace is null ? null : StringArray(Namespace));
        notes.Add("ArgumentList", ArgumentList is null ? null : new PsObject(PsTypeNames.ObjectArray) { BaseValue = new PsList(ArgumentList) });
        return obj;
    }

    private static PsObject StringArray(IEnumerable<string> items) =>
        new(StringArrayNames) { BaseValue = new PsList(items) };

    internal static GetCommandMetadata FromClixml(object? value)
    {
        const MessageType type = MessageType.GetCommandMetadata;
        var body = PayloadFields.AsObject(value, type);
        return new GetCommandMetadata
        {
            Names = PayloadFields.OptionalList(body, "Name", type).Select(n => n?.ToString() ?? string.Empty).ToArray(),
            CommandType = (CommandTypes)PayloadFields.Optional<int>(body, "CommandType", type, (int)CommandTypes.All),
            Namespace = body["Namespace"] is null ? null : PayloadFields.OptionalList(body, "Namespace", type).Select(n => n?.ToString() ?? string.Empty).ToArray(),
            ArgumentList = body["ArgumentList"] is null ? null : PayloadFields.OptionalList(body, "ArgumentList", type).ToArray(),
        };
    }
}
