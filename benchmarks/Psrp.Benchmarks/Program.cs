using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Psrp.Benchmarks.Config;

namespace Psrp.Benchmarks;

/// <summary>
/// Entry point. All of BenchmarkDotNet's command line works (<c>--filter '*'</c>, <c>--list flat</c>,
/// <c>--job short</c>, …), plus <c>--quick</c>: BenchmarkDotNet's ShortRun job (one launch, three
/// warm-up iterations) with five measured iterations, a few minutes for everything instead of the default's
/// much longer statistically-driven run; and <c>--profile</c>, a rough time and allocation
/// breakdown of deserialization outside BenchmarkDotNet; and <c>--spin DOCUMENT [SECONDS]</c>, our
/// deserializer alone in a loop for a sampling profiler; and the end-to-end harness, ours against PowerShell's
/// client on the same server (<c>--e2e</c>, <c>--e2e-ours</c>, <c>--e2e-breakdown</c>: <see cref="EndToEnd.EndToEndCommandLine"/>),
/// and the same over SSH, against a private sshd (<c>--ssh</c>: <see cref="Ssh.SshCommandLine"/>).
/// See docs/benchmarks.md.
/// </summary>
public static class Program
{
    private const string QuickOption = "--quick";
    private const string ProfileOption = "--profile";
    private const string SpinOption = "--spin";

    /// <summary>Runs the benchmarks the arguments select.</summary>
    public static async Task Main(string[] args)
    {
        if (await EndToEnd.EndToEndCommandLine.TryRunAsync(args, Console.Out).ConfigureAwait(false)
            || await Ssh.SshCommandLine.TryRunAsync(args, Console.Out).ConfigureAwait(false))
        {
            return;
        }

        if (await Sweep.TuningSweep.TryRunAsync(args, Console.Out).ConfigureAwait(false))
        {
            return;
        }

        if (args.Contains(ProfileOption, StringComparer.OrdinalIgnoreCase))
        {
            Diagnostics.DeserializeProfile.Run(Console.Out);
            return;
        }

        var spin = Array.FindIndex(args, a => string.Equals(a, SpinOption, StringComparison.OrdinalIgnoreCase));
        if (spin >= 0)
        {
            var document = Enum.Parse<Clixml.BenchDocument>(args.ElementAtOrDefault(spin + 1) ?? nameof(Clixml.BenchDocument.Flat50k), ignoreCase: true);
            var seconds = int.Parse(args.ElementAtOrDefault(spin + 2) ?? "15", System.Globalization.CultureInfo.InvariantCulture);
            Diagnostics.DeserializeProfile.Spin(document, TimeSpan.FromSeconds(seconds), Console.Out);
            return;
        }

        var quick = args.Contains(QuickOption, StringComparer.OrdinalIgnoreCase);
        var rest = args.Where(a => !string.Equals(a, QuickOption, StringComparison.OrdinalIgnoreCase)).ToArray();

        IConfig config = DefaultConfig.Instance
            .AddColumn(new ThroughputColumn(), new AllocatedPerObjectColumn());
        if (quick)
        {
            // ShortRun with five measured iterations instead of three: still minutes for everything,
            // but a 2-core machine shared with builds needs the extra samples to keep Error sane.
            config = config.AddJob(Job.ShortRun.WithIterationCount(5).WithId("Quick"));
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
    }
}
