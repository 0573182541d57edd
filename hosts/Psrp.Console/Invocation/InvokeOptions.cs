using System.CommandLine;
using Psrp.Cli.Cli;

namespace Psrp.Cli.Invocation;

/// <summary>The options of <c>psrp invoke</c> besides the session ones.</summary>
internal sealed class InvokeOptions
{
    public Option<string?> Command { get; } = new("--command", "-c") { Description = "The script to run (-Command, -ScriptBlock)." };

    public Option<string?> FilePath { get; } = new("--file-path", "-f") { Description = "A local script file whose text is run remotely (-FilePath)." };

    public Option<string?> Output { get; } = new("--output", "-o") { Description = "text (default), json (one JSON value per line) or clixml." };

    public Option<bool> FailOnError { get; } = new("--fail-on-error") { Description = "Exit with 1 when the command wrote any error record." };

    public void AddTo(System.CommandLine.Command command)
    {
        command.Options.Add(Command);
        command.Options.Add(FilePath);
        command.Options.Add(Output);
        command.Options.Add(FailOnError);
    }

    /// <summary>The script text: exactly one of -Command and -FilePath.</summary>
    public string Script(ParseResult result)
    {
        var command = result.GetValue(Command);
        var file = result.GetValue(FilePath);
        if (command is not null && file is not null)
        {
            throw new UsageException("Give -Command or -FilePath, not both.");
        }

        if (file is not null)
        {
            try
            {
                return File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"-FilePath {file}: {ex.Message}");
            }
        }

        return command ?? throw new UsageException("psrp invoke needs a script: -c '<script>' (or -FilePath <file>).");
    }
}
