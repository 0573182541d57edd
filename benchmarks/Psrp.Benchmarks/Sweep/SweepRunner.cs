using System.Globalization;
using Psrp.Benchmarks.EndToEnd;

namespace Psrp.Benchmarks.Sweep;

/// <summary>
/// Runs a sweep over sessions that are already open: each round runs every (session, workload) pair
/// once, in an order that rotates per round so no pair always runs first or after the same neighbour;
/// round 0 warms up and is not counted. Every run's output is checked. Then prints medians of wall and
/// client CPU time with the ratios to the defaults' row and to a baseline row (PowerShell's client,
/// when there is one), plus median round trips per run where the session counts them.
/// </summary>
public static class SweepRunner
{
    /// <summary>The baseline row's name: PowerShell's own client on the same workloads.</summary>
    public const string PowerShell = "PowerShell's client";

    /// <summary>Runs <paramref name="rounds"/> measured rounds after a warm-up and writes progress and the table.</summary>
    /// <param name="sessions">The sessions; optionally one named <see cref="PowerShell"/>, the baseline.</param>
    /// <param name="defaultsFor">For a row's name, the name of the row its "/ defaults" ratios divide by (its provider's defaults).</param>
    /// <param name="rounds">Measured rounds.</param>
    /// <param name="output">Where progress and the table go.</param>
    /// <param name="cancellationToken">Stops the sweep.</param>
    public static async Task RunAsync(IReadOnlyList<SweepSession> sessions, Func<string, string> defaultsFor, int rounds, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var workloads = sessions.SelectMany(s => s.Workloads).Distinct().ToDictionary(id => id, SweepWorkloads.Find);
        var samples = new Dictionary<(string, string), List<(E2eSample Sample, long? Trips)>>();
        var pairs = sessions.SelectMany(s => s.Workloads.Select(w => (Session: s, Workload: w))).ToList();
        for (var round = 0; round <= rounds; round++)
        {
            var shift = pairs.Count == 0 ? 0 : round * 7 % pairs.Count;
            foreach (var (session, id) in pairs.Skip(shift).Concat(pairs.Take(shift)))
            {
                var workload = workloads[id];
                var tripsBefore = session.RoundTrips?.Invoke();
                var (sample, result) = await E2eSample.MeasureAsync(() => workload.RunAsync(session.Session, cancellationToken)).ConfigureAwait(false);
                SweepWorkloads.Check(workload, result);
                if (round > 0)
                {
                    var trips = tripsBefore is { } before ? session.RoundTrips!() - before : (long?)null;
                    (samples.TryGetValue((session.Name, id), out var list) ? list : samples[(session.Name, id)] = []).Add((sample, trips));
                }
            }

            output.WriteLine($"{(round == 0 ? "warm-up round" : $"round {round}/{rounds}")} done, {DateTime.UtcNow:HH:mm:ss} UTC, load average {EndToEndBenchmark.LoadAverage()}");
        }

        WriteTable(output, sessions.Select(s => s.Name).ToList(), workloads.Keys.ToList(), samples, defaultsFor, sessions.Any(s => s.RoundTrips is not null));
        output.WriteLine($"load average at end: {EndToEndBenchmark.LoadAverage()}");
    }

    private static void WriteTable(TextWriter output, List<string> names, List<string> workloads, Dictionary<(string, string), List<(E2eSample Sample, long? Trips)>> samples, Func<string, string> defaultsFor, bool trips)
    {
        output.WriteLine();
        output.WriteLine("| workload | configuration | wall ms (median) | client CPU ms (median) | wall / defaults | CPU / defaults | wall / PowerShell | CPU / PowerShell |" + (trips ? " round trips (median) |" : string.Empty));
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|" + (trips ? "---:|" : string.Empty));
        foreach (var workload in workloads)
        {
            double? Median(string name, Func<(E2eSample Sample, long? Trips), double?> pick)
            {
                if (!samples.TryGetValue((name, workload), out var list))
                {
                    return null;
                }

                var values = list.Select(pick).OfType<double>().Order().ToList();
                return values.Count == 0 ? null : values[values.Count / 2];
            }

            var psWall = Median(PowerShell, s => s.Sample.Wall.TotalMilliseconds);
            var psCpu = Median(PowerShell, s => s.Sample.Cpu.TotalMilliseconds);
            foreach (var name in names)
            {
                if (Median(name, s => s.Sample.Wall.TotalMilliseconds) is not { } wall)
                {
                    continue;
                }

                var cpu = Median(name, s => s.Sample.Cpu.TotalMilliseconds)!.Value;
                var baseWall = Median(defaultsFor(name), s => s.Sample.Wall.TotalMilliseconds);
                var baseCpu = Median(defaultsFor(name), s => s.Sample.Cpu.TotalMilliseconds);
                var tripColumn = trips ? $" {(Median(name, s => s.Trips) is { } t ? t.ToString("0", CultureInfo.InvariantCulture) : "–")} |" : string.Empty;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {workload} | {name} | {wall:0} | {cpu:0} | {Ratio(wall, baseWall)} | {Ratio(cpu, baseCpu)} | {Ratio(wall, psWall)} | {Ratio(cpu, psCpu)} |{tripColumn}"));
            }
        }
    }

    private static string Ratio(double value, double? reference) =>
        reference is > 0 ? (value / reference.Value).ToString("0.00", CultureInfo.InvariantCulture) : "–";
}
