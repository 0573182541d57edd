using System.CommandLine;
using Psrp.Cli.Cli;
using Psrp.Cli.Formatting;
using Psrp.Cli.Host;
using Psrp.Cli.Interactive;
using Psrp.Cli.Invocation;
using Psrp.Cli.Sessions;
using Psrp.Cli.Terminal;
using Psrp.Client;
using Psrp.Host;
using Psrp.Messages;
using Psrp.Serialization;
using Psrp.Transport;

namespace Psrp.Cli.Commands;

/// <summary>
/// <c>psrp invoke</c>: Invoke-Command. Runs one script non-interactively, piped standard input as
/// its pipeline input (one string per line), output to stdout as text, JSON Lines or CLIXML,
/// errors and other records to stderr, and an exit code saying how it went.
/// </summary>
internal static class InvokeCommand
{
    public static Command Create(ISessionFactory sessions)
    {
        var session = new SessionOptions();
        var invoke = new InvokeOptions();
        var tuning = new TuningOptions();
        var command = new Command("invoke", "Run a script on a target, non-interactively (Invoke-Command). No target: a local PowerShell session.");
        session.AddTo(command);
        invoke.AddTo(command);
        tuning.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandErrors.RunAsync(() => RunAsync(sessions, session, invoke, tuning, result, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(ISessionFactory sessions, SessionOptions sessionOptions, InvokeOptions invokeOptions, TuningOptions tuning, ParseResult result, CancellationToken cancellationToken)
    {
        var format = OutputFormats.Parse(result.GetValue(invokeOptions.Output));
        var script = invokeOptions.Script(result);
        var failOnError = result.GetValue(invokeOptions.FailOnError);

        // The keyboard, when there is one: a password prompt (on stderr, never into the output) and Ctrl+C.
        var prompts = new Screen(Console.Error, ansi: !Console.IsErrorRedirected, color: false, Screen.ConsoleWidth);
        IUserInput keyboard = Console.IsInputRedirected || Console.IsErrorRedirected
            ? new ReaderInput(TextReader.Null)
            : new EditorInput(prompts, new ConsoleKeyReader(), new LineHistory());
        var user = sessionOptions.CredentialUser(result);
        var password = user is null ? null : await PasswordSource.GetAsync(user, prompts, keyboard, cancellationToken).ConfigureAwait(false);

        var parameters = sessionOptions.Bind(result, password);
        parameters.Resolve();
        var poolOptions = tuning.Pool(result, new RunspacePoolOptions());
        _ = tuning.Transport(result, recorder: null); // bad values fail before the trace file exists
        using var trace = tuning.OpenTrace(result);
        var transportOptions = tuning.Transport(result, trace);

        // Host text (Write-Host, $host.UI.WriteLine) belongs with text output, never inside JSON or CLIXML;
        // warning, verbose and debug lines (shown through the host, see InvokeHost) go to stderr.
        var host = new InvokeHost(format == OutputFormat.Text ? Console.Out : Console.Error, Console.Error);
        using var interrupts = new InterruptRelay();
        RunspacePool pool;
        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        using (interrupts.During(connecting.Cancel))
        {
            pool = await sessions.OpenAsync(parameters, poolOptions with { Host = host }, transportOptions, connecting.Token).ConfigureAwait(false);
        }

        var abandoned = false;
        try
        {
            (var exitCode, abandoned) = await RunScriptAsync(pool, host, script, format, failOnError, interrupts, keyboard, cancellationToken).ConfigureAwait(false);
            return exitCode;
        }
        finally
        {
            await SessionEnd.EndAsync(pool, abandoned).ConfigureAwait(false);
        }
    }

    private static async Task<(int ExitCode, bool Abandoned)> RunScriptAsync(RunspacePool pool, InvokeHost host, string script, OutputFormat format, bool failOnError, InterruptRelay interrupts, IUserInput keyboard, CancellationToken cancellationToken)
    {
        var width = Screen.ConsoleWidth();
        var outString = format == OutputFormat.Text && await RemoteFormatting.HasOutStringAsync(pool, cancellationToken).ConfigureAwait(false);
        var pipeline = RemoteFormatting.Build(pool, script, outString, width);

        // As Invoke-Command sends a script: into the remote history, records without invocation info.
        pipeline.AddToHistory = true;
        pipeline.RemoteStreamOptions = RemoteStreamOptions.None;
        var stdout = Console.Out;
        var stderr = Console.Error;
        var errors = 0;
        var streams = pipeline.Streams;
        streams.ErrorAdded += r =>
        {
            Interlocked.Increment(ref errors);
            stderr.WriteLine(RecordText.Error(r));
        };

        // Warning, verbose, debug and host-tagged information records are not shown: the server also
        // sends each as a host call, which InvokeHost shows (as PowerShell's Invoke-Command does).

        var input = Console.IsInputRedirected ? StandardInputLines.ReadAsync(Console.In, cancellationToken) : null;
        var formatter = new TextFormatter(width);
        var clixml = format == OutputFormat.Clixml ? new ClixmlOutput(Console.OpenStandardOutput()) : null;
        var exitCode = ExitCodes.Success;
        using var escalation = new StopEscalation(pipeline, stderr.WriteLine, cancellationToken);
        Action stop = escalation.OnInterrupt;
        using var watching = new CancellationTokenSource();
        var watcher = keyboard.WatchForInterruptAsync(stop, watching.Token);
        using (interrupts.During(stop))
        {
            try
            {
                await foreach (var item in pipeline.InvokeAsync(input, escalation.Abandon).ConfigureAwait(false))
                {
                    switch (format)
                    {
                        case OutputFormat.Text when outString:
                            stdout.WriteLine(item?.ToString() ?? string.Empty);
                            break;
                        case OutputFormat.Text:
                            WriteLines(stdout, formatter.Format(item));
                            break;
                        case OutputFormat.Json:
                            stdout.WriteLine(JsonOutput.ToJsonLine(item));
                            break;
                        default:
                            await clixml!.WriteAsync(item, cancellationToken).ConfigureAwait(false);
                            break;
                    }
                }
            }
            catch (PipelineStoppedException)
            {
                exitCode = escalation.Stopped ? ExitCodes.Interrupted : ExitCodes.PipelineFailed;
            }
            catch (OperationCanceledException) when (escalation.Abandoned)
            {
                // The second Ctrl+C: the server never confirmed the stop; leave without it.
                return (ExitCodes.Interrupted, true);
            }
            catch (PipelineFailedException ex)
            {
                stderr.WriteLine(ex.ErrorRecord is { } record ? RecordText.Error(record) : ex.Message);
                exitCode = ExitCodes.PipelineFailed;
            }
            finally
            {
                await watching.CancelAsync().ConfigureAwait(false);
                await watcher.ConfigureAwait(false);
            }
        }

        WriteLines(stdout, formatter.Flush());
        if (clixml is not null)
        {
            await clixml.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
        }

        stdout.Flush();
        if (exitCode == ExitCodes.Success && failOnError && Volatile.Read(ref errors) > 0)
        {
            exitCode = ExitCodes.PipelineFailed;
        }

        // `exit N` in the script reaches the host as SetShouldExit(N): it is the exit code, as `ssh host 'exit N'`
        // gives N (the pipeline itself completes). The host calls were all handled when the enumeration ended.
        if (host.ShouldExitCode is { } requested && exitCode != ExitCodes.Interrupted)
        {
            exitCode = requested;
        }

        return (exitCode, false);
    }

    private static void WriteLines(TextWriter output, IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }
    }
}
