using System.Globalization;

namespace Psrp.Benchmarks.EndToEnd;

/// <summary>The median and the time formatting every end-to-end results table uses.</summary>
public static class SampleStatistics
{
    /// <summary>The median of the values (the mean of the middle two for an even count).</summary>
    public static long MedianOf(IEnumerable<long> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The median of the times.</summary>
    public static TimeSpan MedianOf(IEnumerable<TimeSpan> values) => TimeSpan.FromTicks(MedianOf(values.Select(v => v.Ticks)));

    /// <summary>A time in seconds, with the time per pipeline for workloads of several pipelines.</summary>
    public static string Time(TimeSpan time, E2eWorkload workload) => workload.Pipelines > 1
        ? string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.00} s ({time.TotalMilliseconds / workload.Pipelines:0.00} ms each)")
        : string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.00} s");
}
