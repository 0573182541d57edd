using Psrp.Cli.Formatting;
using Psrp.Cli.Terminal;
using Psrp.Host;
using Psrp.Messages;
using Psrp.Serialization;

namespace Psrp.Cli.Host;

/// <summary>
/// Answers the remote end's host calls at the console, the way PowerShell's console host does:
/// <c>label: </c> prompts, passwords without echo, <c>[Y] Yes  [N] No  [?] Help (default is "Y"):</c>
/// choices, coloured error/warning/verbose/debug lines and live progress bars. Ctrl+C at a prompt
/// abandons it and stops the remote pipeline (through <see cref="Interrupted"/>).
/// </summary>
internal sealed class ConsoleHostUI : IPsrpHostUI
{
    private readonly Screen _screen;
    private readonly IUserInput _input;
    private readonly ConsoleRawUI _raw;

    public ConsoleHostUI(Screen screen, IUserInput input)
    {
        _screen = screen;
        _input = input;
        _raw = new ConsoleRawUI(screen, input);
    }

    /// <summary>Raised when the user pressed Ctrl+C at a prompt.</summary>
    public event Action? Interrupted;

    public IPsrpHostRawUI RawUI => _raw;

    public async ValueTask<string> ReadLineAsync(CancellationToken cancellationToken) =>
        await ReadAsync(mask: false, cancellationToken).ConfigureAwait(false);

    public async ValueTask<string> ReadLineAsSecureStringAsync(CancellationToken cancellationToken) =>
        await ReadAsync(mask: true, cancellationToken).ConfigureAwait(false);

    public void Write(string value, ConsoleColor? foreground = null, ConsoleColor? background = null) =>
        _screen.Write(value, Visible(foreground, _raw.ForegroundColor), Visible(background, _raw.BackgroundColor));

    public void WriteLine(string value, ConsoleColor? foreground = null, ConsoleColor? background = null) =>
        _screen.WriteLine(value, Visible(foreground, _raw.ForegroundColor), Visible(background, _raw.BackgroundColor));

    public void WriteErrorLine(string value) => _screen.WriteLine(value, ConsoleColor.Red);

    public void WriteDebugLine(string value) => _screen.WriteLine($"DEBUG: {value}", ConsoleColor.Yellow);

    public void WriteVerboseLine(string value) => _screen.WriteLine($"VERBOSE: {value}", ConsoleColor.Yellow);

    public void WriteWarningLine(string value) => _screen.WriteLine($"WARNING: {value}", ConsoleColor.Yellow);

    public void WriteProgress(long sourceId, PsProgressRecord record) => _screen.ShowProgress(record);

    /// <summary>Shows an error record in red.</summary>
    public void WriteError(PsErrorRecord record)
    {
        _screen.EnsureLineStart();
        _screen.WriteLine(RecordText.Error(record), ConsoleColor.Red);
    }

    public async ValueTask<IReadOnlyDictionary<string, object?>> PromptAsync(string caption, string message, IReadOnlyList<HostFieldDescription> fields, CancellationToken cancellationToken)
    {
        WriteHeading(caption, message);
        var answers = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in fields)
        {
            var label = StripHotKey(string.IsNullOrEmpty(field.Label) ? field.Name : field.Label);
            if (field.IsCredential)
            {
                answers[field.Name] = await PromptForCredentialAsync(string.Empty, string.Empty, null, null, cancellationToken).ConfigureAwait(false);
            }
            else if (field.ParameterTypeName.EndsWith("[]", StringComparison.Ordinal))
            {
                // Arrays: one item per line, an empty line ends the list (as the console host does).
                var items = new List<string>();
                while (true)
                {
                    _screen.Write($"{label}[{items.Count}]: ");
                    var item = await ReadAsync(field.IsSecureString, cancellationToken).ConfigureAwait(false);
                    if (item.Length == 0)
                    {
                        break;
                    }

                    items.Add(item);
                }

                answers[field.Name] = items;
            }
            else
            {
                _screen.Write($"{label}: ");
                answers[field.Name] = await ReadAsync(field.IsSecureString, cancellationToken).ConfigureAwait(false);
            }
        }

        return answers;
    }

    public async ValueTask<HostCredential> PromptForCredentialAsync(string caption, string message, string? userName, string? targetName, CancellationToken cancellationToken)
    {
        WriteHeading(caption, message);
        var user = userName;
        while (string.IsNullOrWhiteSpace(user))
        {
            _screen.Write("User: ");
            user = await ReadAsync(mask: false, cancellationToken).ConfigureAwait(false);
        }

        _screen.Write($"Password for user {user}: ");
        var password = await ReadAsync(mask: true, cancellationToken).ConfigureAwait(false);
        return new HostCredential(user, password);
    }

    public async ValueTask<int> PromptForChoiceAsync(string caption, string message, IReadOnlyList<HostChoiceDescription> choices, int defaultChoice, CancellationToken cancellationToken)
    {
        if (choices.Count == 0)
        {
            throw new PsrpHostException("The remote command asked for a choice among none.");
        }

        WriteHeading(caption, message);
        var menu = ChoiceMenu.Create(choices);
        while (true)
        {
            _screen.Write(menu.Line(defaultChoice >= 0 && defaultChoice < choices.Count ? [defaultChoice] : []));
            var answer = (await ReadAsync(mask: false, cancellationToken).ConfigureAwait(false)).Trim();
            if (answer.Length == 0 && defaultChoice >= 0 && defaultChoice < choices.Count)
            {
                return defaultChoice;
            }

            if (answer == "?")
            {
                WriteChoiceHelp(menu);
                continue;
            }

            if (menu.Find(answer) is { } picked)
            {
                return picked;
            }
        }
    }

    public async ValueTask<IReadOnlyList<int>> PromptForChoicesAsync(string caption, string message, IReadOnlyList<HostChoiceDescription> choices, IReadOnlyList<int> defaultChoices, CancellationToken cancellationToken)
    {
        WriteHeading(caption, message);
        var menu = ChoiceMenu.Create(choices);
        _screen.WriteLine(menu.Line(defaultChoices).TrimEnd(' ', ':'));
        var picked = new List<int>();
        while (true)
        {
            _screen.Write($"Choice[{picked.Count}]: ");
            var answer = (await ReadAsync(mask: false, cancellationToken).ConfigureAwait(false)).Trim();
            if (answer.Length == 0)
            {
                return picked.Count == 0 ? defaultChoices : picked;
            }

            if (answer == "?")
            {
                WriteChoiceHelp(menu);
            }
            else if (menu.Find(answer) is { } index)
            {
                picked.Add(index);
            }
        }
    }

    private async Task<string> ReadAsync(bool mask, CancellationToken cancellationToken)
    {
        var result = await _input.ReadLineAsync(mask, cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case LineStatus.Accepted:
                return result.Text;
            case LineStatus.Cancelled:
                Interrupted?.Invoke();
                throw new PsrpHostException("The prompt was cancelled (Ctrl+C).");
            default:
                throw new PsrpHostException("The input ended while the remote command waited for an answer.");
        }
    }

    private void WriteHeading(string caption, string message)
    {
        _screen.EnsureLineStart();
        if (!string.IsNullOrEmpty(caption))
        {
            _screen.WriteLine(caption);
        }

        if (!string.IsNullOrEmpty(message))
        {
            _screen.WriteLine(message);
        }
    }

    private void WriteChoiceHelp(ChoiceMenu menu)
    {
        foreach (var (hotKey, label, help) in menu.Entries)
        {
            _screen.WriteLine($"{hotKey} - {(string.IsNullOrEmpty(help) ? label : help)}");
        }
    }

    private static ConsoleColor? Visible(ConsoleColor? color, ConsoleColor current) => color == current ? null : color;

    private static string StripHotKey(string label) => label.Replace("&", string.Empty, StringComparison.Ordinal);
}
