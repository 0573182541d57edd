using System.Globalization;
using Psrp.Benchmarks.EndToEnd;
using Psrp.Client;
using Psrp.Providers.Process;

namespace Psrp.Benchmarks.Sweep;

/// <summary>
/// <c>--sweep [ROUNDS] [--quick]</c>: the tuning knobs over the local process transport against the
/// LocalServer. Every configuration gets its own pool (its own server) opened up front; each round runs
/// every (configuration, workload) pair once, PowerShell's own client on the same workloads as the
/// baseline, in an order that rotates per round. One warm-up round is not counted. Prints medians of
/// wall and client CPU time, the ratio to our defaults and to PowerShell's client, and the load average.
/// </summary>
public static class TuningSweep
{
    private const string SweepOption = "--sweep";

    /// <summary>Runs the sweep when <paramref name="args"/> asks for it; false otherwise.</summary>
    public static async Task<bool> TryRunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        var at = Array.FindIndex(args, a => string.Equals(a, SweepOption, StringComparison.OrdinalIgnoreCase));
        if (at < 0)
        {
            return false;
        }

        var rounds = args.ElementAtOrDefault(at + 1) is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var r) ? r : 3;
        var quick = args.Contains("--quick", StringComparer.OrdinalIgnoreCase);
        await RunAsync(rounds, quick, output, CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    private static async Task RunAsync(int rounds, bool quick, TextWriter output, CancellationToken cancellationToken)
    {
        LocalServerCommand.EnsureBuilt();
        PwshShim.Install();
        output.WriteLine($"sweep: {rounds} measured rounds, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:u}, load average at start: {EndToEndBenchmark.LoadAverage()}");
        var configurations = SweepConfiguration.All(quick);
        var sessions = new List<(string Name, IE2eSession Session, IReadOnlyList<string> Workloads)>();
        try
        {
            foreach (var configuration in configurations)
            {
                var transport = await new ProcessTransportProvider().ConnectAsync(
                    new ProcessTransportOptions { FileName = LocalServerCommand.DllPath, Arguments = LocalServerCommand.Arguments, Transport = configuration.Transport },
                    cancellationToken).ConfigureAwait(false);
                var pool = await RunspacePool.OpenAsync(transport, configuration.Pool, cancellationToken).ConfigureAwait(false);
                sessions.Add((configuration.Name, new OurSession(pool), configuration.Workloads));
            }

            var baseline = await EndToEndBenchmark.PowerShell.OpenAsync(cancellationToken).ConfigureAwait(false);
            sessions.Add(("PowerShell's client", baseline, configurations[0].Workloads));
            output.WriteLine($"{sessions.Count} sessions open, load average {EndToEndBenchmark.LoadAverage()}");

            var workloads = configurations.SelectMany(c => c.Workloads).Distinct().ToDictionary(id => id, SweepWorkloads.Find);
            var samples = new Dictionary<(string, string), List<E2eSample>>();
            for (var round = 0; round <= rounds; round++)
            {
                var pairs = sessions.SelectMany(s => s.Workloads.Select(w => (s.Name, s.Session, Workload: w))).ToList();
                var shift = pairs.Count == 0 ? 0 : round * 7 % pairs.Count;
                foreach (var (name, session, id) in pairs.Skip(shift).Concat(pairs.Take(shift)))
                {
                    var workload = workloads[id];
                    var (sample, result) = await E2eSample.MeasureAsync(
                        () => session.RunAsync(workload.Script, workload.TouchProperty, 1, cancellationToken)).ConfigureAwait(false);
                    SweepWorkloads.Check(workload, result);
                    if (round > 0)
                    {
                        (samples.TryGetValue((name, id), out var list) ? list : samples[(name, id)] = []).Add(sample);
                    }
                }

                output.WriteLine($"{(round == 0 ? "warm-up round" : $"round {round}/{rounds}")} done, load average {EndToEndBenchmark.LoadAverage()}");
            }

            WriteTable(output, sessions.Select(s => s.Name).ToList(), workloads.Keys.ToList(), samples, configurations[0].Name);
            output.WriteLine($"load average at end: {EndToEndBenchmark.LoadAverage()}");
        }
        finally
        {
            foreach (var (_, session, _) in sessions)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static void WriteTable(TextWriter output, List<string> names, List<string> workloads, Dictionary<(string, string), List<E2eSample>> samples, string defaults)
    {
        const string PowerShell = "PowerShell's client";
        output.WriteLine();
        output.WriteLine("| workload | configuration | wall ms (median) | client CPU ms (median) | wall / defaults | wall / PowerShell | CPU / PowerShell |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var workload in workloads)
        {
            double? Median(string name, Func<E2eSample, double> pick) =>
                samples.TryGetValue((name, workload), out var list) ? list.Select(pick).Order().ElementAt(list.Count / 2) : null;

            var baseWall = Median(defaults, s => s.Wall.TotalMilliseconds);
            var psWall = Median(PowerShell, s => s.Wall.TotalMilliseconds);
            var psCpu = Median(PowerShell, s => s.Cpu.TotalMilliseconds);
            foreach (var name in names)
            {
                if (Median(name, s => s.Wall.TotalMilliseconds) is not { } wall)
                {
                    continue;
                }

                var cpu = Median(name, s => s.Cpu.TotalMilliseconds)!.Value;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {workload} | {name} | {wall:0} | {cpu:0} | {Ratio(wall, baseWall)} | {Ratio(wall, psWall)} | {Ratio(cpu, psCpu)} |"));
            }
        }
    }

    private static string Ratio(double value, double? reference) =>
        reference is > 0 ? (value / reference.Value).ToString("0.00", CultureInfo.InvariantCulture) : "–";
}
