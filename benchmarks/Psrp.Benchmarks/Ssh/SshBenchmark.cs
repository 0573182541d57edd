using System.Globalization;
using Psrp.Benchmarks.EndToEnd;

namespace Psrp.Benchmarks.Ssh;

/// <summary>
/// The SSH comparison (<c>--ssh</c>): the end-to-end workloads through our in-process SSH provider, our openssh
/// provider and PowerShell's own SSH client, all against one private sshd whose <c>powershell</c> subsystem is
/// PowerShell's server, in one run. Round 0 warms every client up and is not counted; then the measured rounds,
/// the clients' order rotating each round so none always runs first. Medians per column.
/// </summary>
public static class SshBenchmark
{
    /// <summary>Runs the comparison and writes progress, the samples and the table to <paramref name="output"/>.</summary>
    public static async Task RunAsync(int rounds, IReadOnlyList<E2eWorkload> workloads, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        output.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average at start: {EndToEndBenchmark.LoadAverage()}");
        var sshd = await PrivateSshd.StartAsync(cancellationToken).ConfigureAwait(false);
        await using var sshdLifetime = sshd.ConfigureAwait(false);
        output.WriteLine($"sshd: pid {sshd.ProcessId}, 127.0.0.1:{sshd.Port}, subsystem powershell = {sshd.SubsystemScript}");

        var clients = SshClients.Against(sshd);
        var baseline = clients.Single(c => c.Name == SshClients.PowerShell);
        var sessions = new Dictionary<E2eClient, IE2eSession>();
        var serverRoots = new Dictionary<E2eClient, int>();
        try
        {
            foreach (var client in clients)
            {
                var session = await client.OpenAsync(cancellationToken).ConfigureAwait(false);
                sessions[client] = session;
                var who = await session.RunToTextAsync(EndToEndBenchmark.WhoScript, cancellationToken).ConfigureAwait(false);
                output.WriteLine($"{client.Name,-13} server: {who}");

                // Only sshd's subsystem script runs the LocalServer with -sshs: this proves the session went through sshd.
                if (!who.Contains("Psrp.LocalServer.dll", StringComparison.Ordinal) || !who.Contains("-sshs", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{client.Name}'s client is not talking to the LocalServer through sshd's powershell subsystem: {who}");
                }

                // The server side of this session alone: the sshd process of its connection, and everything under it.
                serverRoots[client] = ProcessTreeCpu.AncestorBelow(ServerProcessId(who), sshd.ProcessId);
            }

            foreach (var command in SshProcesses.CommandLines())
            {
                output.WriteLine($"ssh process: {command}");
            }

            // The server's own cost of each throughput workload, with no client reading (twice; the second counts). On a
            // session of its own, closed after: the objects it keeps in the server would slow the measured session's GCs.
            var throughput = workloads.Where(w => w.Kind == E2eWorkloadKind.Throughput).ToList();
            if (throughput.Count > 0)
            {
                var alone = await clients[0].OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (alone.ConfigureAwait(false))
                {
                    foreach (var workload in throughput)
                    {
                        _ = await ServerAlone.MeasureAsync(alone, workload, cancellationToken).ConfigureAwait(false);
                        var (produce, serialize) = await ServerAlone.MeasureAsync(alone, workload, cancellationToken).ConfigureAwait(false);
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"server alone, {workload.Id}: run with output discarded {produce.TotalSeconds:0.00} s CPU, serialize the output (PSSerializer, depth 1) {serialize.TotalSeconds:0.00} s CPU"));
                    }
                }
            }

            var results = new SshResults();
            for (var round = 0; round <= rounds; round++)
            {
                var order = clients.Skip(round % clients.Count).Concat(clients.Take(round % clients.Count)).ToArray();
                foreach (var workload in workloads)
                {
                    foreach (var client in order)
                    {
                        var sample = await MeasureAsync(workload, client, sessions[client], serverRoots[client], sshd, cancellationToken).ConfigureAwait(false);
                        if (round > 0)
                        {
                            results.Add(workload, client, sample);
                        }
                    }
                }

                output.WriteLine(round == 0
                    ? $"warm-up round done, load average {EndToEndBenchmark.LoadAverage()}"
                    : $"round {round}/{rounds} done, load average {EndToEndBenchmark.LoadAverage()}");
            }

            output.WriteLine();
            output.WriteLine("Samples (measured rounds):");
            results.WriteSamples(output, workloads, clients);
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Medians of {rounds} measured round(s) (ratio = client / {baseline.Name}); load average at end: {EndToEndBenchmark.LoadAverage()}"));
            output.WriteLine();
            results.WriteTable(output, workloads, clients, baseline);
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
    /// One workload through one client: this process's figures (<see cref="E2eSample"/>) and, around them, the CPU of
    /// our ssh child processes and of the session's server side (<paramref name="serverRoot"/>'s tree, split into sshd and
    /// PowerShell's server). "open" connects a new session and closes it after; its server side is whatever runs under
    /// sshd meanwhile (the other sessions' servers are idle).
    /// </summary>
    private static async Task<SshSample> MeasureAsync(E2eWorkload workload, E2eClient client, IE2eSession session, int serverRoot, PrivateSshd sshd, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessId;
        var (root, includeRoot) = workload.Kind == E2eWorkloadKind.Open ? (sshd.ProcessId, false) : (serverRoot, true);
        var sshBefore = ProcessTreeCpu.Snapshot(self, includeRoot: false, exclude: sshd.ProcessId);
        var serverBefore = ProcessTreeCpu.Snapshot(root, includeRoot);
        E2eSample sample;
        IReadOnlyDictionary<int, ProcessCpu> sshAfter, serverAfter;
        if (workload.Kind == E2eWorkloadKind.Open)
        {
            (sample, var fresh) = await E2eSample.MeasureAsync(() => client.OpenAsync(cancellationToken)).ConfigureAwait(false);

            // Taken before closing: the new ssh and server processes only count while they live.
            (sshAfter, serverAfter) = (ProcessTreeCpu.Snapshot(self, includeRoot: false, exclude: sshd.ProcessId), ProcessTreeCpu.Snapshot(root, includeRoot));
            await fresh.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            (sample, var result) = await E2eSample.MeasureAsync(
                () => session.RunAsync(workload.Script, workload.TouchProperty, workload.Pipelines, cancellationToken)).ConfigureAwait(false);
            (sshAfter, serverAfter) = (ProcessTreeCpu.Snapshot(self, includeRoot: false, exclude: sshd.ProcessId), ProcessTreeCpu.Snapshot(root, includeRoot));
            EndToEndBenchmark.Check(workload, client, result);
        }

        return new SshSample(
            sample,
            ProcessTreeCpu.Delta(sshBefore, sshAfter),
            ProcessTreeCpu.Delta(serverBefore, serverAfter, name => name == "sshd"),
            ProcessTreeCpu.Delta(serverBefore, serverAfter, name => name != "sshd"));
    }

    /// <summary>The <c>pid=N</c> of <see cref="EndToEndBenchmark.WhoScript"/>'s answer.</summary>
    private static int ServerProcessId(string who)
    {
        var match = System.Text.RegularExpressions.Regex.Match(who, @"pid=(\d+)");
        return match.Success
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"The server did not say its pid: {who}");
    }
}
