using System.Globalization;
using Psrp.Benchmarks.EndToEnd;
using static Psrp.Benchmarks.EndToEnd.SampleStatistics;

namespace Psrp.Benchmarks.Ssh;

/// <summary>The SSH samples by workload and client, and the table: medians, and each client's wall time over PowerShell's.</summary>
public sealed class SshResults
{
    /// <summary>Our wall time must be at most this share of PowerShell's on every throughput workload (issue 5).</summary>
    public const double WallTarget = 1.0 / 3;

    private readonly SampleSet<SshSample> _samples = new();

    /// <summary>Records one measured sample.</summary>
    public void Add(E2eWorkload workload, E2eClient client, SshSample sample)
        => _samples.Add(workload, client, sample);

    /// <summary>Median wall time, client CPU, ssh CPU, sshd CPU, server CPU and allocations of a workload and client (each measure separately).</summary>
    public Medians Median(E2eWorkload workload, E2eClient client)
    {
        var list = _samples.Of(workload, client);
        return new Medians(
            MedianOf(list.Select(s => s.Client.Wall)),
            MedianOf(list.Select(s => s.Client.Cpu)),
            MedianOf(list.Select(s => s.SshCpu)),
            MedianOf(list.Select(s => s.ClientSideCpu)),
            MedianOf(list.Select(s => s.SshdCpu)),
            MedianOf(list.Select(s => s.ServerCpu)),
            MedianOf(list.Select(s => s.Client.Allocated)));
    }

    /// <summary>
    /// Writes the Markdown table: one row per workload and client; the wall and CPU ratios are over PowerShell's client in
    /// the same run (CPU: this process plus its ssh processes), and our wall time must be at most <see cref="WallTarget"/>
    /// of PowerShell's on throughput workloads.
    /// </summary>
    public void WriteTable(TextWriter output, IReadOnlyList<E2eWorkload> workloads, IReadOnlyList<E2eClient> clients, E2eClient baseline)
    {
        output.WriteLine("| workload | client | wall | wall / PowerShell | client CPU (this process) | ssh process CPU | client-side CPU (both) | client-side CPU / PowerShell | sshd CPU | PowerShell server CPU | allocated | target: wall <= 1/3 of PowerShell's |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var workload in workloads)
        {
            var theirs = Median(workload, baseline);
            foreach (var client in clients)
            {
                var m = Median(workload, client);
                var ratio = m.Wall / theirs.Wall;
                var cpuRatio = m.ClientSideCpu / theirs.ClientSideCpu;
                var met = workload.Kind != E2eWorkloadKind.Throughput ? "(none)"
                    : client == baseline ? string.Empty
                    : ratio <= WallTarget ? "yes" : "**no**";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {workload.Title} | {client.Name} | {Time(m.Wall, workload)} | {ratio:0.00} | {Time(m.Cpu, workload)} | {Time(m.SshCpu, workload)} | {Time(m.ClientSideCpu, workload)} | {cpuRatio:0.00} | {Time(m.SshdCpu, workload)} | {Time(m.ServerCpu, workload)} | {m.Allocated / 1e6:0} MB | {met} |"));
            }
        }
    }

    /// <summary>Writes every sample (wall / client CPU / ssh CPU / sshd CPU / server CPU in ms), for judging the spread behind the medians.</summary>
    public void WriteSamples(TextWriter output, IReadOnlyList<E2eWorkload> workloads, IReadOnlyList<E2eClient> clients)
    {
        foreach (var workload in workloads)
        {
            foreach (var client in clients)
            {
                var list = _samples.Of(workload, client);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {workload.Id,-16} {client.Name,-13} wall/cpu/ssh/sshd/server ms: {string.Join("  ", list.Select(s => $"{s.Client.Wall.TotalMilliseconds:0}/{s.Client.Cpu.TotalMilliseconds:0}/{s.SshCpu.TotalMilliseconds:0}/{s.SshdCpu.TotalMilliseconds:0}/{s.ServerCpu.TotalMilliseconds:0}"))}  gen0: {string.Join(",", list.Select(s => s.Client.Gen0Collections))}"));
            }
        }
    }

    /// <summary>Medians of one workload and client.</summary>
    /// <param name="Wall">Wall time.</param>
    /// <param name="Cpu">This process's CPU.</param>
    /// <param name="SshCpu">CPU of this process's ssh processes.</param>
    /// <param name="ClientSideCpu">Both together (median of the sums).</param>
    /// <param name="SshdCpu">CPU of the session's sshd processes.</param>
    /// <param name="ServerCpu">CPU of the session's PowerShell server.</param>
    /// <param name="Allocated">Bytes allocated by this process.</param>
    public readonly record struct Medians(TimeSpan Wall, TimeSpan Cpu, TimeSpan SshCpu, TimeSpan ClientSideCpu, TimeSpan SshdCpu, TimeSpan ServerCpu, long Allocated);
}
