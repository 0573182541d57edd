using System.CommandLine;
using Psrp.Cli.Cli;
using Psrp.Cli.Host;
using Psrp.Cli.Interactive;
using Psrp.Cli.Sessions;
using Psrp.Cli.Terminal;
using Psrp.Client;

namespace Psrp.Cli.Commands;

/// <summary><c>psrp enter</c>: Enter-PSSession, an interactive session with one target (a local one by default).</summary>
internal static class EnterCommand
{
    public static Command Create(ISessionFactory sessions)
    {
        var options = new SessionOptions();
        var tuning = new TuningOptions();
        var command = new Command("enter", "Start an interactive session (Enter-PSSession). No target: a local PowerShell session.");
        options.AddTo(command);
        tuning.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandErrors.RunAsync(() => RunAsync(sessions, options, tuning, result, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(ISessionFactory sessions, SessionOptions options, TuningOptions tuning, ParseResult result, CancellationToken cancellationToken)
    {
        var screen = Screen.ForConsole();
        IUserInput input = Console.IsInputRedirected || !screen.Ansi
            ? new ReaderInput(Console.In)
            : new EditorInput(screen, new ConsoleKeyReader(), new LineHistory());

        var user = options.CredentialUser(result);
        var password = user is null ? null : await PasswordSource.GetAsync(user, screen, input, cancellationToken).ConfigureAwait(false);
        var parameters = options.Bind(result, password);

        // Validate before connecting, so a bad combination never starts anything.
        var (_, target) = parameters.Resolve();
        var poolOptions = tuning.Pool(result, new RunspacePoolOptions());
        _ = tuning.Transport(result, recorder: null); // bad values fail before the trace file exists
        using var trace = tuning.OpenTrace(result);
        var transportOptions = tuning.Transport(result, trace);

        using var interrupts = new InterruptRelay();
        var ui = new ConsoleHostUI(screen, input);
        ui.Interrupted += interrupts.Raise;
        var host = new ConsoleHost(ui);

        RunspacePool pool;
        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        using (interrupts.During(connecting.Cancel))
        {
            pool = await sessions.OpenAsync(parameters, poolOptions with { Host = host }, transportOptions, connecting.Token).ConfigureAwait(false);
        }

        // Ctrl+C stays a key for the whole session (see EditorInput): a signal would reach the local server too.
        using var controlC = input.IsInteractive ? ControlCAsInput.Enable() : null;
        var session = new InteractiveSession(pool, target.DisplayName, screen, input, host, ui, interrupts);
        try
        {
            return await session.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await SessionEnd.EndAsync(pool, session.Abandoned).ConfigureAwait(false);
        }
    }
}
