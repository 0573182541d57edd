using Psrp.Cli.Cli;
using Psrp.Cli.Formatting;
using Psrp.Cli.Host;
using Psrp.Cli.Terminal;
using Psrp.Client;
using Psrp.Messages;
using Psrp.Transport;

namespace Psrp.Cli.Interactive;

/// <summary>
/// The read-run-print loop of <c>psrp enter</c> (Enter-PSSession): prompt
/// <c>[target]: PS &lt;remote location&gt;&gt; </c>, run each line as a remote pipeline, show its
/// output and records, Ctrl+C stops the running pipeline and keeps the session, <c>exit</c> or
/// <c>Exit-PSSession</c> (or Ctrl+D / end of input) leaves.
/// </summary>
internal sealed class InteractiveSession
{
    private readonly RunspacePool _pool;
    private readonly string _displayName;
    private readonly Screen _screen;
    private readonly IUserInput _input;
    private readonly ConsoleHost _host;
    private readonly ConsoleHostUI _ui;
    private readonly InterruptRelay _interrupts;

    public InteractiveSession(RunspacePool pool, string displayName, Screen screen, IUserInput input, ConsoleHost host, ConsoleHostUI ui, InterruptRelay interrupts)
    {
        _pool = pool;
        _displayName = displayName;
        _screen = screen;
        _input = input;
        _host = host;
        _ui = ui;
        _interrupts = interrupts;
    }

    /// <summary>True when the user abandoned the session with a second Ctrl+C (the server never confirmed a stop).</summary>
    public bool Abandoned { get; private set; }

    /// <summary>Runs until the user leaves; returns the process exit code.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        bool outString;
        try
        {
            outString = await RemoteFormatting.HasOutStringAsync(_pool, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsSessionLost(ex))
        {
            return SessionLost(ex);
        }

        while (true)
        {
            string location;
            try
            {
                location = await QueryLocationAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsSessionLost(ex))
            {
                return SessionLost(ex);
            }

            _screen.EnsureLineStart();
            _screen.Write($"[{_displayName}]: PS {location}> ");
            var line = await ReadStatementAsync(cancellationToken).ConfigureAwait(false);
            if (line.Status == LineStatus.EndOfInput)
            {
                _screen.EnsureLineStart();
                return ExitCodes.Success;
            }

            var command = line.Text.Trim();
            if (line.Status == LineStatus.Cancelled || command.Length == 0)
            {
                continue;
            }

            if (IsExit(command))
            {
                return ExitCodes.Success;
            }

            try
            {
                if (!await RunCommandAsync(command, outString, cancellationToken).ConfigureAwait(false))
                {
                    Abandoned = true;
                    _screen.EnsureLineStart();
                    return ExitCodes.Interrupted;
                }
            }
            catch (Exception ex) when (IsSessionLost(ex))
            {
                return SessionLost(ex);
            }

            if (_host.ShouldExitCode is { } code)
            {
                return code;
            }
        }
    }

    /// <summary>Reads a line, and more lines after a <c>&gt;&gt; </c> prompt while the statement is unfinished.</summary>
    private async Task<LineResult> ReadStatementAsync(CancellationToken cancellationToken)
    {
        var line = await ReadEchoedAsync(cancellationToken).ConfigureAwait(false);
        var text = line.Text;
        while (line.Status == LineStatus.Accepted && InputCompleteness.IsIncomplete(text))
        {
            _screen.Write(">> ");
            var more = await ReadEchoedAsync(cancellationToken).ConfigureAwait(false);
            switch (more.Status)
            {
                case LineStatus.Cancelled:
                    return more;
                case LineStatus.EndOfInput:
                    return new LineResult(LineStatus.Accepted, text);
            }

            if (more.Text.Length == 0)
            {
                // An empty line ends the continuation, as in PowerShell: the remote parser reports what is missing.
                break;
            }

            text += "\n" + more.Text;
        }

        return line.Status == LineStatus.Accepted ? new LineResult(LineStatus.Accepted, text) : line;
    }

    private async Task<LineResult> ReadEchoedAsync(CancellationToken cancellationToken)
    {
        var line = await _input.ReadLineAsync(mask: false, cancellationToken).ConfigureAwait(false);
        if (!_input.IsInteractive && line.Status == LineStatus.Accepted)
        {
            // Nobody typed it, so nothing echoed it: show it after the prompt, as a transcript would.
            _screen.WriteLine(line.Text);
        }

        return line;
    }

    /// <summary>PowerShell's words for leaving an interactive session.</summary>
    public static bool IsExit(string command) =>
        command.Equals("exit", StringComparison.OrdinalIgnoreCase) || command.Equals("Exit-PSSession", StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs one typed command; false when the user abandoned the session during it.</summary>
    private async Task<bool> RunCommandAsync(string command, bool outString, CancellationToken cancellationToken)
    {
        var pipeline = RemoteFormatting.Build(_pool, command, outString, _screen.Width - 1);
        // As Enter-PSSession sends a typed line: into the remote history as typed, records without invocation info.
        pipeline.AddToHistory = true;
        pipeline.History = command;
        pipeline.RemoteStreamOptions = RemoteStreamOptions.None;
        var streams = pipeline.Streams;
        streams.ErrorAdded += _ui.WriteError;

        // Warnings, verbose, debug, host text and progress are shown by the host calls the server makes
        // for each of them (as Enter-PSSession shows them); their stream records are the same lines again.

        var formatter = new TextFormatter(_screen.Width);
        using var escalation = new StopEscalation(pipeline, Say, cancellationToken);
        Action stopPipeline = escalation.OnInterrupt;
        using var stop = _interrupts.During(stopPipeline);
        using var watching = new CancellationTokenSource();
        var watcher = _input.WatchForInterruptAsync(stopPipeline, watching.Token);
        try
        {
            await foreach (var item in pipeline.InvokeAsync(cancellationToken: escalation.Abandon).ConfigureAwait(false))
            {
                if (outString)
                {
                    _screen.WriteLine(item?.ToString() ?? string.Empty);
                }
                else
                {
                    WriteLines(formatter.Format(item));
                }
            }
        }
        catch (PipelineStoppedException)
        {
            // Ctrl+C: the user knows; the session goes on.
        }
        catch (OperationCanceledException) when (escalation.Abandoned)
        {
            return false;
        }
        catch (PipelineFailedException ex)
        {
            WriteLines(formatter.Flush());
            _ui.WriteError(ex.ErrorRecord ?? PsErrorRecord.FromException(ex, "PipelineFailed", ErrorCategory.NotSpecified));
        }
        finally
        {
            await watching.CancelAsync().ConfigureAwait(false);
            await watcher.ConfigureAwait(false);
            _screen.ClearProgress();
        }

        WriteLines(formatter.Flush());
        return true;
    }

    // Every write goes through the screen, which owns the console (progress bar, line state).
    private void Say(string text)
    {
        _screen.EnsureLineStart();
        _screen.WriteLine(text, ConsoleColor.Yellow);
    }

    private void WriteLines(IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            _screen.WriteLine(line);
        }
    }

    private async Task<string> QueryLocationAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await _pool.InvokeScriptAsync("$PWD.Path", cancellationToken).ConfigureAwait(false);
            return result is [{ } path] ? path.ToString() : string.Empty;
        }
        catch (PipelineFailedException)
        {
            // An endpoint that refuses the query (language mode, JEA) still gets a prompt.
            return string.Empty;
        }
    }

    private static bool IsSessionLost(Exception ex) => ex is PsrpTransportException or RunspacePoolBrokenException or ObjectDisposedException;

    private int SessionLost(Exception ex)
    {
        _screen.ClearProgress();
        _screen.EnsureLineStart();
        _screen.WriteLine($"The session to {_displayName} ended: {ex.Message}", ConsoleColor.Red);
        return ExitCodes.ConnectionFailed;
    }
}
