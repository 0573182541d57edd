using System.Diagnostics;

namespace Psrp.Benchmarks.EndToEnd;

/// <summary>
/// One measurement: wall time, this process's CPU time (the client; the server is another process),
/// bytes allocated by this process, gen0 collections, context switches and thread-pool work items (how often
/// work was handed to another thread), all as deltas around the measured call.
/// </summary>
public readonly record struct E2eSample(TimeSpan Wall, TimeSpan Cpu, long Allocated, int Gen0Collections, long ContextSwitches, long WorkItems)
{
    /// <summary>Runs <paramref name="action"/> once after a full collection and measures it.</summary>
    public static async Task<(E2eSample Sample, T Result)> MeasureAsync<T>(Func<Task<T>> action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var gen0 = GC.CollectionCount(0);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var switches = EndToEnd.ContextSwitches.Now();
        var workItems = ThreadPool.CompletedWorkItemCount;
        var cpu = CpuTime();
        var wall = Stopwatch.StartNew();
        var result = await action().ConfigureAwait(false);
        wall.Stop();
        var sample = new E2eSample(
            wall.Elapsed,
            CpuTime() - cpu,
            GC.GetTotalAllocatedBytes(precise: true) - allocated,
            GC.CollectionCount(0) - gen0,
            EndToEnd.ContextSwitches.Now() - switches,
            ThreadPool.CompletedWorkItemCount - workItems);
        return (sample, result);
    }

    private static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
