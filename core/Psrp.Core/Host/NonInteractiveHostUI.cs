using Psrp.Serialization;

namespace Psrp.Host;

/// <summary>The UI of <see cref="NonInteractiveHost"/>: output is written (or dropped), prompts fail clearly.</summary>
public class NonInteractiveHostUI : IPsrpHostUI
{
    /// <summary>Creates the UI writing host output to <paramref name="output"/> (null: discarded).</summary>
    public NonInteractiveHostUI(TextWriter? output = null)
    {
        Output = output;
    }

    /// <summary>Where host output goes, or null.</summary>
    public TextWriter? Output { get; }

    /// <inheritdoc />
    public virtual IPsrpHostRawUI? RawUI => null;

    /// <summary>The error every prompt gets.</summary>
    protected static PsrpHostException NotInteractive(string request) =>
        new($"The remote command asked the host to {request}, but this session's host is non-interactive. Supply the value as a parameter, or use an interactive host.");

    /// <inheritdoc />
    public virtual ValueTask<string> ReadLineAsync(CancellationToken cancellationToken) => throw NotInteractive("read a line (Read-Host)");

    /// <inheritdoc />
    public virtual ValueTask<string> ReadLineAsSecureStringAsync(CancellationToken cancellationToken) => throw NotInteractive("read a secure string (Read-Host -AsSecureString)");

    /// <inheritdoc />
    public virtual void Write(string value, ConsoleColor? foreground = null, ConsoleColor? background = null) => Output?.Write(value);

    /// <inheritdoc />
    public virtual void WriteLine(string value, ConsoleColor? foreground = null, ConsoleColor? background = null) => Output?.WriteLine(value);

    /// <inheritdoc />
    public virtual void WriteErrorLine(string value) => Output?.WriteLine(value);

    /// <inheritdoc />
    public virtual void WriteDebugLine(string value) => Output?.WriteLine($"DEBUG: {value}");

    /// <inheritdoc />
    public virtual void WriteVerboseLine(string value) => Output?.WriteLine($"VERBOSE: {value}");

    /// <inheritdoc />
    public virtual void WriteWarningLine(string value) => Output?.WriteLine($"WARNING: {value}");

    /// <inheritdoc />
    public virtual void WriteProgress(long sourceId, PsProgressRecord record)
    {
    }

    /// <inheritdoc />
    public virtual ValueTask<IReadOnlyDictionary<string, object?>> PromptAsync(string caption, string message, IReadOnlyList<HostFieldDescription> fields, CancellationToken cancellationToken) =>
        throw NotInteractive($"prompt for {string.Join(", ", fields.Select(f => f.Name))}");

    /// <inheritdoc />
    public virtual ValueTask<HostCredential> PromptForCredentialAsync(string caption, string message, string? userName, string? targetName, CancellationToken cancellationToken) =>
        throw NotInteractive("prompt for a credential");

    /// <inheritdoc />
    public virtual ValueTask<int> PromptForChoiceAsync(string caption, string message, IReadOnlyList<HostChoiceDescription> choices, int defaultChoice, CancellationToken cancellationToken) =>
        throw NotInteractive("prompt for a choice");

    /// <inheritdoc />
    public virtual ValueTask<IReadOnlyList<int>> PromptForChoicesAsync(string caption, string message, IReadOnlyList<HostChoiceDescription> choices, IReadOnlyList<int> defaultChoices, CancellationToken cancellationToken) =>
        throw NotInteractive("prompt for choices");
}
