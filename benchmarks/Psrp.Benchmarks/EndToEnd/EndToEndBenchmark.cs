using System.Globalization;

namespace Psrp.Benchmarks.EndToEnd;

/// <summary>
/// The end-to-end comparison (<c>--e2e [ROUNDS]</c>): every workload through our client and through
/// PowerShell's own client, each on its own LocalServer process, in one run. Round 0 warms both up
/// (sequential workloads 30 times: see <see cref="WarmUpRuns"/>) and is not counted; then ROUNDS measured
/// rounds, the clients' order alternating each round. Medians of wall time and of this process's CPU time
/// (the client's; servers are separate processes).
/// </summary>
public static class EndToEndBenchmark
{
    /// <summary>The identification script: which process and engine answered.</summary>
    internal const string WhoScript = "\"pid=$PID ps=$($PSVersionTable.PSVersion) args=$([Environment]::GetCommandLineArgs() -join ' ')\"";

    /// <summary>Our client.</summary>
    public static E2eClient Ours { get; } = new("ours", OurSession.OpenAsync);

    /// <summary>PowerShell's client.</summary>
    public static E2eClient PowerShell { get; } = new("PowerShell", PowerShellSession.OpenAsync);

    /// <summary>Runs the comparison and writes progress, the samples and the table to <paramref name="output"/>.</summary>
    public static async Task RunAsync(int rounds, IReadOnlyList<E2eWorkload> workloads, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        LocalServerCommand.EnsureBuilt();
        var shim = PwshShim.Install();
        output.WriteLine($"pwsh shim: {shim}");
        output.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average at start: {LoadAverage()}");

        E2eClient[] clients = [Ours, PowerShell];
        var sessions = new Dictionary<E2eClient, IE2eSession>();
        try
        {
            foreach (var client in clients)
            {
                var session = await client.OpenAsync(cancellationToken).ConfigureAwait(false);
                sessions[client] = session;
                var who = await session.RunToTextAsync(WhoScript, cancellationToken).ConfigureAwait(false);
                var started = session is PowerShellSession ps ? $" (started {ps.ProcessFileName})" : string.Empty;
                output.WriteLine($"{client.Name,-11} server: {who}{started}");
                if (!who.Contains("Psrp.LocalServer.dll", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{client.Name}'s client is not talking to the LocalServer: {who}");
                }
            }

            var results = new E2eResults();
            for (var round = 0; round <= rounds; round++)
            {
                var order = round % 2 == 0 ? clients : clients.Reverse().ToArray();
                foreach (var workload in workloads)
                {
                    foreach (var client in order)
                    {
                        if (round == 0)
                        {
                            for (var warmUp = 0; warmUp < WarmUpRuns(workload); warmUp++)
                            {
                                await MeasureAsync(workload, client, sessions[client], cancellationToken).ConfigureAwait(false);
                            }

                            continue;
                        }

                        results.Add(workload, client, await MeasureAsync(workload, client, sessions[client], cancellationToken).ConfigureAwait(false));
                    }
                }

                output.WriteLine(round == 0
                    ? $"warm-up round done, load average {LoadAverage()}"
                    : $"round {round}/{rounds} done, load average {LoadAverage()}");
            }

            output.WriteLine();
            output.WriteLine("Samples (measured rounds):");
            results.WriteSamples(output, workloads, clients);
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Medians of {rounds} measured rounds (ratio = ours / {PowerShell.Name}); load average at end: {LoadAverage()}"));
            output.WriteLine();
            results.WriteTable(output, workloads, Ours, PowerShell);
        }
        finally
        {
            foreach (var session in sessions.Values)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// How often the warm-up round runs <paramref name="workload"/> on each client. The server's time per one-line
    /// pipeline keeps falling for its first ~6,000 pipelines (tiered JIT in the server), so a single warm-up run of
    /// 200 leaves the measured rounds on a half-warm server, where its time, not the clients', sets the ratio.
    /// </summary>
    private static int WarmUpRuns(E2eWorkload workload) => workload.Kind == E2eWorkloadKind.Sequential ? 30 : 1;

    /// <summary>
    /// One workload through one client alone, one warm-up then <paramref name="runs"/> measured runs,
    /// each printed: a steady load for a profiler (<c>dotnet-trace collect -- dotnet Psrp.Benchmarks.dll --e2e-ours small50k 10</c>),
    /// or a long series showing how each client's times settle as the server warms up.
    /// </summary>
    public static async Task RunAloneAsync(E2eClient client, E2eWorkload workload, int runs, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        LocalServerCommand.EnsureBuilt();
        PwshShim.Install();
        var session = await client.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            for (var run = 0; run <= runs; run++)
            {
                var sample = await MeasureAsync(workload, client, session, cancellationToken).ConfigureAwait(false);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(run == 0 ? "warm-up" : $"run {run}"),-8} {workload.Id}: wall {sample.Wall.TotalMilliseconds:0} ms, client CPU {sample.Cpu.TotalMilliseconds:0} ms, allocated {sample.Allocated / 1e6:0.0} MB, gen0 GCs {sample.Gen0Collections}, context switches {sample.ContextSwitches:N0}, thread-pool work items {sample.WorkItems:N0}"));
            }
        }
    }

    private static async Task<E2eSample> MeasureAsync(E2eWorkload workload, E2eClient client, IE2eSession session, CancellationToken cancellationToken)
    {
        if (workload.Kind == E2eWorkloadKind.Open)
        {
            var (opened, fresh) = await E2eSample.MeasureAsync(() => client.OpenAsync(cancellationToken)).ConfigureAwait(false);
            await fresh.DisposeAsync().ConfigureAwait(false);
            return opened;
        }

        var (sample, result) = await E2eSample.MeasureAsync(() => workload.RunAsync(session, cancellationToken)).ConfigureAwait(false);
        Check(workload, client, result);
        return sample;
    }

    /// <summary>Both clients must have received (and touched) the whole output, or the times mean nothing.</summary>
    internal static void Check(E2eWorkload workload, E2eClient client, E2eOutput result)
    {
        var expected = (long)workload.ItemsPerPipeline * workload.Pipelines;
        if (result.Items != expected || result.Touched != expected)
        {
            throw new InvalidOperationException($"{client.Name} on {workload.Id}: {result.Items} items ({result.Touched} with a value), expected {expected}.");
        }

        if (workload.Id == "string16m" && result.Characters != 16 << 20)
        {
            throw new InvalidOperationException($"{client.Name} on {workload.Id}: the string has {result.Characters} characters, expected {16 << 20}.");
        }
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "n/a".</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }
}
