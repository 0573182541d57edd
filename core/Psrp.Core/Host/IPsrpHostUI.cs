using Psrp.Serialization;

namespace Psrp.Host;

/// <summary>
/// The user-interface half of a host (PowerShell's PSHostUserInterface). Prompting methods are
/// asynchronous and take the session's cancellation token: a stopped pipeline or a closed pool
/// cancels a prompt that is still waiting for the user.
/// </summary>
public interface IPsrpHostUI
{
    /// <summary>The raw console UI, or null.</summary>
    IPsrpHostRawUI? RawUI { get; }

    /// <summary>Reads a line (Read-Host).</summary>
    ValueTask<string> ReadLineAsync(CancellationToken cancellationToken);

    /// <summary>Reads a line without echo (Read-Host -AsSecureString); the session encrypts it for the wire.</summary>
    ValueTask<string> ReadLineAsSecureStringAsync(CancellationToken cancellationToken);

    /// <summary>Writes text without a newline, optionally in colours (null: current colours).</summary>
    void Write(string value, ConsoleColor? foreground = null, ConsoleColor? background = null);

    /// <summary>Writes a line, optionally in colours.</summary>
    void WriteLine(string value, ConsoleColor? foreground = null, ConsoleColor? background = null);

    /// <summary>Writes an error line.</summary>
    void WriteErrorLine(string value);

    /// <summary>Writes a debug line.</summary>
    void WriteDebugLine(string value);

    /// <summary>Writes a verbose line.</summary>
    void WriteVerboseLine(string value);

    /// <summary>Writes a warning line.</summary>
    void WriteWarningLine(string value);

    /// <summary>Shows progress.</summary>
    void WriteProgress(long sourceId, PsProgressRecord record);

    /// <summary>Asks for several values (the Prompt host method, used by mandatory parameters).</summary>
    ValueTask<IReadOnlyDictionary<string, object?>> PromptAsync(string caption, string message, IReadOnlyList<HostFieldDescription> fields, CancellationToken cancellationToken);

    /// <summary>Asks for a credential; the password is encrypted by the session before it travels.</summary>
    ValueTask<HostCredential> PromptForCredentialAsync(string caption, string message, string? userName, string? targetName, CancellationToken cancellationToken);

    /// <summary>Asks the user to pick one of several choices; returns its index.</summary>
    ValueTask<int> PromptForChoiceAsync(string caption, string message, IReadOnlyList<HostChoiceDescription> choices, int defaultChoice, CancellationToken cancellationToken);

    /// <summary>Asks the user to pick any number of choices; returns their indexes.</summary>
    ValueTask<IReadOnlyList<int>> PromptForChoicesAsync(string caption, string message, IReadOnlyList<HostChoiceDescription> choices, IReadOnlyList<int> defaultChoices, CancellationToken cancellationToken);
}
