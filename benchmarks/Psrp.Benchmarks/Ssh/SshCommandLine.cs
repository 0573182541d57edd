using System.Globalization;
using Psrp.Benchmarks.EndToEnd;

namespace Psrp.Benchmarks.Ssh;

/// <summary>
/// The SSH switch, outside BenchmarkDotNet: <c>--ssh [ROUNDS] [--quick] [WORKLOAD…]</c> runs the end-to-end workloads
/// (<c>open</c>, <c>versiontable10k</c>, <c>small50k</c>, <c>string16m</c>, <c>oneline200</c>; default all) through our
/// in-process SSH provider, our openssh provider and PowerShell's own SSH client against one private sshd
/// (<see cref="SshBenchmark"/>): one warm-up round, then ROUNDS measured rounds (default 3; <c>--quick</c>: 1).
/// </summary>
public static class SshCommandLine
{
    private const string SshOption = "--ssh";
    private const string QuickOption = "--quick";
    private const int DefaultRounds = 3;

    /// <summary>Runs the SSH switch in <paramref name="args"/>, if any; false when there is none.</summary>
    public static async Task<bool> TryRunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        var at = Array.FindIndex(args, a => string.Equals(a, SshOption, StringComparison.OrdinalIgnoreCase));
        if (at < 0)
        {
            return false;
        }

        var rest = args.Skip(at + 1).ToList();
        var quick = rest.RemoveAll(a => string.Equals(a, QuickOption, StringComparison.OrdinalIgnoreCase)) > 0;
        var rounds = quick ? 1 : DefaultRounds;
        if (rest.Count > 0 && int.TryParse(rest[0], NumberStyles.None, CultureInfo.InvariantCulture, out var given))
        {
            rounds = given;
            rest.RemoveAt(0);
        }

        var workloads = rest.Count > 0 ? rest.Select(E2eWorkload.Find).ToList() : E2eWorkload.All;
        await SshBenchmark.RunAsync(rounds, workloads, output, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
