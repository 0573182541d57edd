using System.Globalization;

namespace Psrp.Benchmarks.EndToEnd;

/// <summary>
/// The end-to-end switches, outside BenchmarkDotNet:
/// <list type="bullet">
/// <item><c>--e2e [ROUNDS] [WORKLOAD…]</c>: every workload (or those named) through our client and PowerShell's,
/// one warm-up round and ROUNDS measured rounds (default 5), then the table (<see cref="EndToEndBenchmark"/>);</item>
/// <item><c>--e2e-ours WORKLOAD [RUNS]</c> / <c>--e2e-theirs WORKLOAD [RUNS]</c>: one workload through our client
/// (or PowerShell's) alone, every run printed, for a profiler or to see the times settle;</item>
/// <item><c>--e2e-floor [RUNS] [prepared]</c>: <c>oneline200</c> through the thinnest possible client, the server's floor (<see cref="ServerFloor"/>);</item>
/// <item><c>--e2e-breakdown WORKLOAD [RUNS]</c>: where our client's CPU goes on it, stage by stage (<see cref="ReceiveBreakdown"/>);</item>
/// <item><c>--e2e-wsman [ROUNDS] [WORKLOAD…]</c>: the workloads over WSMan/HTTP against the test endpoint, with HTTP round trips and bytes (<see cref="WSManTraffic"/>);</item>
/// <item><c>--e2e-wsman-encryption [ROUNDS] [WORKLOAD…]</c>: the workloads over WSMan/HTTP with Kerberos, encrypted against plaintext (<see cref="WSManEncryptionCost"/>).</item>
/// </list>
/// Workloads: <c>open</c>, <c>versiontable10k</c>, <c>small50k</c>, <c>string16m</c>, <c>oneline200</c>.
/// </summary>
public static class EndToEndCommandLine
{
    private const string CompareOption = "--e2e";
    private const string OursOption = "--e2e-ours";
    private const string TheirsOption = "--e2e-theirs";
    private const string BreakdownOption = "--e2e-breakdown";
    private const string FloorOption = "--e2e-floor";
    private const string WSManOption = "--e2e-wsman";
    private const string WSManEncryptionOption = "--e2e-wsman-encryption";

    /// <summary>Runs the end-to-end switch in <paramref name="args"/>, if any; false when there is none.</summary>
    public static async Task<bool> TryRunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        var compare = IndexOf(args, CompareOption);
        if (compare >= 0)
        {
            var (rounds, workloads) = RoundsAndWorkloads(args, compare, 5);
            await EndToEndBenchmark.RunAsync(rounds, workloads, output, CancellationToken.None).ConfigureAwait(false);
            return true;
        }

        var encryption = IndexOf(args, WSManEncryptionOption);
        if (encryption >= 0)
        {
            var (rounds, workloads) = RoundsAndWorkloads(args, encryption, 5);
            await WSManEncryptionCost.RunAsync(rounds, workloads, output, CancellationToken.None).ConfigureAwait(false);
            return true;
        }

        var wsman = IndexOf(args, WSManOption);
        if (wsman >= 0)
        {
            var (rounds, workloads) = RoundsAndWorkloads(args, wsman, 3);
            await WSManTraffic.RunAsync(rounds, workloads, output, CancellationToken.None).ConfigureAwait(false);
            return true;
        }

        foreach (var (option, client) in new[] { (OursOption, EndToEndBenchmark.Ours), (TheirsOption, EndToEndBenchmark.PowerShell) })
        {
            var alone = IndexOf(args, option);
            if (alone >= 0)
            {
                await EndToEndBenchmark.RunAloneAsync(client, Workload(args, alone), Runs(args, alone, 5), output, CancellationToken.None).ConfigureAwait(false);
                return true;
            }
        }

        var floor = IndexOf(args, FloorOption);
        if (floor >= 0)
        {
            var runs = int.TryParse(args.ElementAtOrDefault(floor + 1), CultureInfo.InvariantCulture, out var r) ? r : 5;
            ServerFloor.Run(runs, args.Contains("prepared", StringComparer.OrdinalIgnoreCase), output);
            return true;
        }

        var breakdown = IndexOf(args, BreakdownOption);
        if (breakdown >= 0)
        {
            await ReceiveBreakdown.RunAsync(Workload(args, breakdown), Runs(args, breakdown, 3), output, CancellationToken.None).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    // After the option: an optional round count, then workload names (none: all of them).
    private static (int Rounds, IReadOnlyList<E2eWorkload> Workloads) RoundsAndWorkloads(string[] args, int option, int defaultRounds)
    {
        var rest = args.Skip(option + 1).ToList();
        var rounds = rest.Count > 0 && int.TryParse(rest[0], CultureInfo.InvariantCulture, out var r) ? r : defaultRounds;
        var workloads = rest.Where(a => !int.TryParse(a, CultureInfo.InvariantCulture, out _)).Select(E2eWorkload.Find).ToList();
        return (rounds, workloads.Count > 0 ? workloads : E2eWorkload.All);
    }

    private static int IndexOf(string[] args, string option) =>
        Array.FindIndex(args, a => string.Equals(a, option, StringComparison.OrdinalIgnoreCase));

    private static E2eWorkload Workload(string[] args, int option) => E2eWorkload.Find(args.ElementAtOrDefault(option + 1) ?? "small50k");

    private static int Runs(string[] args, int option, int fallback) =>
        args.ElementAtOrDefault(option + 2) is { } runs ? int.Parse(runs, CultureInfo.InvariantCulture) : fallback;
}
