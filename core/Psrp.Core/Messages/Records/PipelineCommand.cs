namespace Psrp.Messages;

/// <summary>
/// One command of a pipeline statement: a command name or script text, its parameters, and
/// how its streams merge (PowerShell's Command). Merge settings for error..information need
/// protocol 2.2 (2.3 for information); they are left out for older servers.
/// </summary>
public sealed record PipelineCommand
{
    /// <summary>Creates a command running <paramref name="commandText"/> (a command name, or script text when <paramref name="isScript"/>).</summary>
    public PipelineCommand(string commandText, bool isScript = false)
    {
        ArgumentNullException.ThrowIfNull(commandText);
        CommandText = commandText;
        IsScript = isScript;
    }

    /// <summary>The command name or script text.</summary>
    public string CommandText { get; init; }

    /// <summary>True when <see cref="CommandText"/> is a script.</summary>
    public bool IsScript { get; init; }

    /// <summary>Run in the caller's scope (dot-sourced) when true; null leaves PowerShell's default.</summary>
    public bool? UseLocalScope { get; init; }

    /// <summary>Parameters and positional arguments, in order.</summary>
    public IReadOnlyList<CommandParameter> Parameters { get; init; } = [];

    /// <summary>Merge the previous command's results into this one's input (V2 merge field).</summary>
    public PipelineResultTypes MergePreviousResults { get; init; } = PipelineResultTypes.None;

    /// <summary>Where the error stream goes: None, or Output for <c>2&gt;&amp;1</c>.</summary>
    public PipelineResultTypes MergeError { get; init; } = PipelineResultTypes.None;

    /// <summary>Where the warning stream goes (protocol 2.2+).</summary>
    public PipelineResultTypes MergeWarning { get; init; } = PipelineResultTypes.None;

    /// <summary>Where the verbose stream goes (protocol 2.2+).</summary>
    public PipelineResultTypes MergeVerbose { get; init; } = PipelineResultTypes.None;

    /// <summary>Where the debug stream goes (protocol 2.2+).</summary>
    public PipelineResultTypes MergeDebug { get; init; } = PipelineResultTypes.None;

    /// <summary>Where the information stream goes (protocol 2.3+).</summary>
    public PipelineResultTypes MergeInformation { get; init; } = PipelineResultTypes.None;
}
