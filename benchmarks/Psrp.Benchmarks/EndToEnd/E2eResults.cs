using System.Globalization;
using static Psrp.Benchmarks.EndToEnd.SampleStatistics;

namespace Psrp.Benchmarks.EndToEnd;

/// <summary>The samples of a run by workload and client, and the table of medians and ratios.</summary>
public sealed class E2eResults
{
    private readonly SampleSet<E2eSample> _samples = new();

    /// <summary>Records one measured sample.</summary>
    public void Add(E2eWorkload workload, E2eClient client, E2eSample sample)
        => _samples.Add(workload, client, sample);

    /// <summary>The median sample (by each measure separately) of a workload and client.</summary>
    public E2eSample Median(E2eWorkload workload, E2eClient client)
    {
        var list = _samples.Of(workload, client);
        return new E2eSample(
            MedianOf(list.Select(s => s.Wall)),
            MedianOf(list.Select(s => s.Cpu)),
            MedianOf(list.Select(s => s.Allocated)),
            (int)MedianOf(list.Select(s => (long)s.Gen0Collections)),
            MedianOf(list.Select(s => s.ContextSwitches)),
            MedianOf(list.Select(s => s.WorkItems)));
    }

    /// <summary>Writes the Markdown table: ours against the baseline (PowerShell), medians, ratios and targets.</summary>
    public void WriteTable(TextWriter output, IReadOnlyList<E2eWorkload> workloads, E2eClient ours, E2eClient baseline)
    {
        output.WriteLine($"| workload | {baseline.Name} wall | ours wall | wall ratio | {baseline.Name} client CPU | ours client CPU | CPU ratio | {baseline.Name} alloc | ours alloc | target | met? |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var workload in workloads)
        {
            var theirs = Median(workload, baseline);
            var mine = Median(workload, ours);
            var wallRatio = mine.Wall / theirs.Wall;
            var cpuRatio = mine.Cpu / theirs.Cpu;
            var (target, met) = workload.Kind switch
            {
                E2eWorkloadKind.Throughput => ("CPU ratio <= 0.33", cpuRatio <= 1.0 / 3 ? "yes" : "**no**"),
                E2eWorkloadKind.Sequential => ("wall ratio <= 0.5", wallRatio <= 0.5 ? "yes" : "**no**"),
                _ => ("(none)", ""),
            };
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {workload.Title} | {Time(theirs.Wall, workload)} | {Time(mine.Wall, workload)} | {wallRatio:0.00} | {Time(theirs.Cpu, workload)} | {Time(mine.Cpu, workload)} | {cpuRatio:0.00} | {Megabytes(theirs.Allocated)} | {Megabytes(mine.Allocated)} | {target} | {met} |"));
        }
    }

    /// <summary>Writes every sample (wall / CPU in ms), for judging the spread behind the medians.</summary>
    public void WriteSamples(TextWriter output, IReadOnlyList<E2eWorkload> workloads, IReadOnlyList<E2eClient> clients)
    {
        foreach (var workload in workloads)
        {
            foreach (var client in clients)
            {
                var list = _samples.Of(workload, client);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {workload.Id,-16} {client.Name,-11} wall/cpu ms: {string.Join("  ", list.Select(s => $"{s.Wall.TotalMilliseconds:0}/{s.Cpu.TotalMilliseconds:0}"))}  gen0: {string.Join(",", list.Select(s => s.Gen0Collections))}  context switches: {string.Join(",", list.Select(s => s.ContextSwitches))}  work items: {string.Join(",", list.Select(s => s.WorkItems))}"));
            }
        }
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0} MB");
}
