using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>
/// CREATE_PIPELINE: the pipeline to run — one or more statements of commands — and how to run
/// it (psrp-facts §3.4). The body differs by protocol version: merge settings for the
/// individual streams exist from 2.2 (information from 2.3), and extra statements (batches)
/// need 2.2.
/// </summary>
public sealed record CreatePipeline : PsrpPayload
{
    private static readonly Version V22 = new(2, 2);
    private static readonly Version V23 = new(2, 3);

    private static readonly PsTypeNames PsObjectListNames = new(
        "System.Collections.Generic.List`1[[System.Management.Automation.PSObject, System.Management.Automation, Version=1.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]",
        "System.Object");

    /// <summary>The statements, each a list of piped commands. At least one statement with one command.</summary>
    public required IReadOnlyList<IReadOnlyList<PipelineCommand>> Statements { get; init; }

    /// <summary>True when the client sends no input (then no END_OF_PIPELINE_INPUT is needed).</summary>
    public bool NoInput { get; init; } = true;

    /// <summary>Apartment state for the invocation.</summary>
    public ApartmentState ApartmentState { get; init; } = ApartmentState.Unknown;

    /// <summary>Which records carry invocation info (PowerShell's default: all).</summary>
    public RemoteStreamOptions RemoteStreamOptions { get; init; } = RemoteStreamOptions.AddInvocationInfo;

    /// <summary>Add the pipeline to the remote history.</summary>
    public bool AddToHistory { get; init; }

    /// <summary>The pipeline's host description (default: use the pool's host).</summary>
    public HostInfo HostInfo { get; init; } = HostInfo.None;

    /// <summary>Nested pipeline (runs inside another pipeline's thread).</summary>
    public bool IsNested { get; init; }

    /// <summary>History string for the remote history entry, or null.</summary>
    public string? History { get; init; }

    /// <summary>
    /// PowerShell's RedirectShellErrorOutputPipe flag: true makes the server point the engine's
    /// shell-wide error pipe at the pipeline's error stream, so a statement-terminating error in a
    /// script (<c>1/0</c>, an unknown command, a failed method call) is written as an error record and
    /// the script goes on with its next statement, as $ErrorActionPreference says. False leaves the
    /// pipe unset and the first such error ends the whole pipeline. PowerShell's client sends true
    /// from its PowerShell class and from Invoke-Command (its V1 Pipeline class alone sends false, and
    /// its console host then merges errors into output to get the same effect); so is the default here.
    /// </summary>
    public bool RedirectShellErrorOutputPipe { get; init; } = true;

    /// <inheritdoc />
    public override MessageType MessageType => MessageType.CreatePipeline;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion)
    {
        ArgumentNullException.ThrowIfNull(protocolVersion);
        if (Statements.Count == 0 || Statements.Any(s => s.Count == 0))
        {
            throw new InvalidOperationException("A pipeline needs at least one statement, and every statement at least one command.");
        }

        if (Statements.Count > 1 && protocolVersion < V22)
        {
            throw new NotSupportedException($"The server speaks protocol {protocolVersion}; running several statements in one pipeline needs 2.2 or later.");
        }

        var powerShell = new PsObject();
        var psNotes = powerShell.ExtendedProperties;
        psNotes.Add("Cmds", CommandList(Statements[0], protocolVersion));
        psNotes.Add("IsNested", IsNested);
        psNotes.Add("History", History);
        psNotes.Add("RedirectShellErrorOutputPipe", RedirectShellErrorOutputPipe);
        if (Statements.Count > 1)
        {
            // PowerShell's batch form: Cmds holds the first statement and ExtraCmds holds every
            // statement, the first included; the server runs ExtraCmds in order.
            var extra = new PsList();
            foreach (var statement in Statements)
            {
                var holder = new PsObject();
                holder.ExtendedProperties.Add("Cmds", CommandList(statement, protocolVersion));
                extra.Add(holder);
            }

            psNotes.Add("ExtraCmds", new PsObject(PsObjectListNames) { BaseValue = extra });
        }

        var obj = new PsObject();
        var notes = obj.ExtendedProperties;
        notes.Add("PowerShell", powerShell);
        notes.Add("NoInput", NoInput);
        notes.Add("ApartmentState", WireEnum.Create(WireEnum.ApartmentState, ApartmentState));
        var streamOptions = WireEnum.Create(WireEnum.RemoteStreamOptions, RemoteStreamOptions);
        if (RemoteStreamOptions == RemoteStreamOptions.None)
        {
            // PowerShell's enum has no name for 0, so its client writes the number.
            streamOptions.ToStringValue = "0";
        }

        notes.Add("RemoteStreamOptions", streamOptions);
        notes.Add("AddToHistory", AddToHistory);
        notes.Add("HostInfo", HostInfo.ToPsObject());
        notes.Add("IsNested", IsNested);
        return obj;
    }

    private static PsObject CommandList(IReadOnlyList<PipelineCommand> commands, Version protocolVersion)
    {
        var list = new PsList();
        foreach (var command in commands)
        {
            list.Add(EncodeCommand(command, protocolVersion));
        }

        return new PsObject(PsObjectListNames) { BaseValue = list };
    }

    private static PsObject EncodeCommand(PipelineCommand command, Version protocolVersion)
    {
        var obj = new PsObject();
        var notes = obj.ExtendedProperties;
        notes.Add("Cmd", command.CommandText);
        notes.Add("IsScript", command.IsScript);
        notes.Add("UseLocalScope", command.UseLocalScope);

        // Protocol 2.0/2.1 servers only know the V2 merge pair, which can express error→output alone.
        var errorToOutput = command.MergeError == PipelineResultTypes.Output;
        notes.Add("MergeMyResult", Merge(errorToOutput ? PipelineResultTypes.Error : PipelineResultTypes.None));
        notes.Add("MergeToResult", Merge(errorToOutput ? PipelineResultTypes.Output : PipelineResultTypes.None));
        notes.Add("MergePreviousResults", Merge(command.MergePreviousResults));
        if (protocolVersion >= V22)
        {
            notes.Add("MergeError", Merge(command.MergeError));
            notes.Add("MergeWarning", Merge(command.MergeWarning));
            notes.Add("MergeVerbose", Merge(command.MergeVerbose));
            notes.Add("MergeDebug", Merge(command.MergeDebug));
        }
        else if (command.MergeWarning != PipelineResultTypes.None || command.MergeVerbose != PipelineResultTypes.None || command.MergeDebug != PipelineResultTypes.None)
        {
            throw new NotSupportedException($"The server speaks protocol {protocolVersion}; merging the warning, verbose or debug stream needs 2.2 or later.");
        }

        if (protocolVersion >= V23)
        {
            notes.Add("MergeInformation", Merge(command.MergeInformation));
        }
        else if (command.MergeInformation != PipelineResultTypes.None)
        {
            throw new NotSupportedException($"The server speaks protocol {protocolVersion}; merging the information stream needs 2.3 or later.");
        }

        var args = new PsList();
        foreach (var parameter in command.Parameters)
        {
            var p = new PsObject();
            p.ExtendedProperties.Add("N", parameter.Name);
            p.ExtendedProperties.Add("V", parameter.Value);
            args.Add(p);
        }

        notes.Add("Args", new PsObject(PsObjectListNames) { BaseValue = args });
        return obj;
    }

    private static PsObject Merge(PipelineResultTypes value) => WireEnum.Create(WireEnum.PipelineResultTypes, value);

    internal static CreatePipeline FromClixml(object? value)
    {
        const MessageType type = MessageType.CreatePipeline;
        var body = PayloadFields.AsObject(value, type);
        var powerShell = PayloadFields.OptionalObject(body, "PowerShell", type)
            ?? throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, $"{type} has no 'PowerShell' property.");
        var statements = new List<IReadOnlyList<PipelineCommand>>();
        foreach (var extra in PayloadFields.OptionalList(powerShell, "ExtraCmds", type))
        {
            statements.Add(DecodeCommands(PayloadFields.AsObject(extra, type), type));
        }

        // Without a batch, Cmds is the one statement; with one, ExtraCmds already repeats it.
        if (statements.Count == 0)
        {
            statements.Add(DecodeCommands(powerShell, type));
        }

        var host = PayloadFields.OptionalObject(body, "HostInfo", type);
        return new CreatePipeline
        {
            Statements = statements,
            NoInput = PayloadFields.Optional(body, "NoInput", type, true),
            ApartmentState = PayloadFields.Optional(body, "ApartmentState", type, ApartmentState.Unknown),
            RemoteStreamOptions = PayloadFields.Optional(body, "RemoteStreamOptions", type, RemoteStreamOptions.None),
            AddToHistory = PayloadFields.Optional(body, "AddToHistory", type, false),
            HostInfo = host is null ? HostInfo.None : HostInfo.FromPsObject(host, type),
            IsNested = PayloadFields.Optional(body, "IsNested", type, false),
            History = powerShell["History"] as string,
            RedirectShellErrorOutputPipe = PayloadFields.Optional(powerShell, "RedirectShellErrorOutputPipe", type, false),
        };
    }

    private static List<PipelineCommand> DecodeCommands(PsObject holder, MessageType type)
    {
        var commands = new List<PipelineCommand>();
        foreach (var item in PayloadFields.OptionalList(holder, "Cmds", type))
        {
            var cmd = PayloadFields.AsObject(item, type);
            var parameters = PayloadFields.OptionalList(cmd, "Args", type)
                .Select(a => PayloadFields.AsObject(a, type))
                .Select(a => new CommandParameter(a["N"] as string, a["V"]))
                .ToArray();

            // A V2-only sender expresses 2>&1 through MergeMyResult/MergeToResult.
            var legacyErrorToOutput = PayloadFields.Optional<int>(cmd, "MergeMyResult", type) == (int)PipelineResultTypes.Error
                && PayloadFields.Optional<int>(cmd, "MergeToResult", type) == (int)PipelineResultTypes.Output;
            commands.Add(new PipelineCommand(PayloadFields.Required<string>(cmd, "Cmd", type), PayloadFields.Optional(cmd, "IsScript", type, false))
            {
                UseLocalScope = PayloadFields.Optional<bool?>(cmd, "UseLocalScope", type),
                Parameters = parameters,
                MergePreviousResults = PayloadFields.Optional(cmd, "MergePreviousResults", type, PipelineResultTypes.None),
                MergeError = cmd.FindProperty("MergeError") is null
                    ? (legacyErrorToOutput ? PipelineResultTypes.Output : PipelineResultTypes.None)
                    : PayloadFields.Optional(cmd, "MergeError", type, PipelineResultTypes.None),
                MergeWarning = PayloadFields.Optional(cmd, "MergeWarning", type, PipelineResultTypes.None),
                MergeVerbose = PayloadFields.Optional(cmd, "MergeVerbose", type, PipelineResultTypes.None),
                MergeDebug = PayloadFields.Optional(cmd, "MergeDebug", type, PipelineResultTypes.None),
                MergeInformation = PayloadFields.Optional(cmd, "MergeInformation", type, PipelineResultTypes.None),
            });
        }

        // PowerShell's server refuses an empty statement, and so does our encoder: a decoded record
        // must be one this type can hold (found by fuzzing: a renamed Cmds decoded as no commands).
        if (commands.Count == 0)
        {
            throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, $"{type} has a statement without commands ('Cmds' is missing or empty).");
        }

        return commands;
    }
}
