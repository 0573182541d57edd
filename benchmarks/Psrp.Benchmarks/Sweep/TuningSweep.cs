using System.Globalization;
using Psrp.Benchmarks.EndToEnd;
using Psrp.Client;
using Psrp.Providers.Process;

namespace Psrp.Benchmarks.Sweep;

/// <summary>
/// The tuning sweeps (<see cref="SweepRunner"/> runs them; docs/tuning.md has the results):
/// <list type="bullet">
/// <item><c>--sweep [ROUNDS] [--quick]</c>: the knobs over the local process transport against the LocalServer,
/// PowerShell's own client as the baseline;</item>
/// <item><c>--sweep-ssh [ROUNDS] [--quick]</c>: fragment size and packing over SSH, both our SSH providers
/// against a private sshd, PowerShell's SSH client as the baseline (<see cref="SshSweep"/>);</item>
/// <item><c>--sweep-wsman [ROUNDS] [--quick]</c>: MaxEnvelopeSize over WSMan/HTTP against the in-process test
/// endpoint (<see cref="WSManSweep"/>).</item>
/// </list>
/// Every configuration gets its own pool (its own server) opened up front. ROUNDS defaults to 3 (1 with --quick).
/// </summary>
public static class TuningSweep
{
    private const string SweepOption = "--sweep";
    private const string SshOption = "--sweep-ssh";
    private const string WSManOption = "--sweep-wsman";

    /// <summary>Runs the sweep <paramref name="args"/> asks for; false when it asks for none.</summary>
    public static async Task<bool> TryRunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        foreach (var option in new[] { SweepOption, SshOption, WSManOption })
        {
            var at = Array.FindIndex(args, a => string.Equals(a, option, StringComparison.OrdinalIgnoreCase));
            if (at < 0)
            {
                continue;
            }

            var quick = args.Contains("--quick", StringComparer.OrdinalIgnoreCase);
            var rounds = args.ElementAtOrDefault(at + 1) is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var r) ? r : quick ? 1 : 3;
            output.WriteLine($"{option}: {rounds} measured rounds{(quick ? " (quick)" : string.Empty)}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:u}, load average at start: {EndToEndBenchmark.LoadAverage()}");
            switch (option)
            {
                case SshOption:
                    await SshSweep.RunAsync(rounds, quick, output, CancellationToken.None).ConfigureAwait(false);
                    break;
                case WSManOption:
                    await WSManSweep.RunAsync(rounds, quick, output, CancellationToken.None).ConfigureAwait(false);
                    break;
                default:
                    await RunProcessAsync(rounds, quick, output, CancellationToken.None).ConfigureAwait(false);
                    break;
            }

            return true;
        }

        return false;
    }

    /// <summary>Disposes every session of a sweep, whatever happened.</summary>
    internal static async Task DisposeAllAsync(IEnumerable<SweepSession> sessions)
    {
        foreach (var session in sessions)
        {
            try
            {
                await session.Session.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or Psrp.Transport.PsrpTransportException)
            {
                // A session that cannot close cleanly is going away anyway; the others must still close.
            }
        }
    }

    private static async Task RunProcessAsync(int rounds, bool quick, TextWriter output, CancellationToken cancellationToken)
    {
        LocalServerCommand.EnsureBuilt();
        PwshShim.Install();
        var configurations = SweepConfiguration.All(quick);
        var sessions = new List<SweepSession>();
        try
        {
            foreach (var configuration in configurations)
            {
                var transport = await new ProcessTransportProvider().ConnectAsync(
                    new ProcessTransportOptions { FileName = LocalServerCommand.DllPath, Arguments = LocalServerCommand.Arguments, Transport = configuration.Transport },
                    cancellationToken).ConfigureAwait(false);
                var pool = await RunspacePool.OpenAsync(transport, configuration.Pool, cancellationToken).ConfigureAwait(false);
                sessions.Add(new(configuration.Name, new OurSession(pool), configuration.Workloads));
            }

            var baseline = await EndToEndBenchmark.PowerShell.OpenAsync(cancellationToken).ConfigureAwait(false);
            sessions.Add(new(SweepRunner.PowerShell, baseline, configurations[0].Workloads));
            output.WriteLine($"{sessions.Count} sessions open, load average {EndToEndBenchmark.LoadAverage()}");
            await SweepRunner.RunAsync(sessions, _ => configurations[0].Name, rounds, output, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await DisposeAllAsync(sessions).ConfigureAwait(false);
        }
    }
}
