using System.Globalization;
using Psrp.Benchmarks.EndToEnd;

namespace Psrp.Benchmarks.Ssh;

/// <summary>
/// What PowerShell's server spends on a workload with no client reading: inside the server, the process CPU
/// (<c>Process.TotalProcessorTime</c>, every thread and the GC) to run the script with its output discarded, and to
/// serialize that output object by object with <c>PSSerializer</c> (depth 1, what remoting uses for output). It is the
/// server's share that no client can remove, so a wall-time target below it cannot be met against this server.
/// </summary>
public static class ServerAlone
{
    /// <summary>Measures <paramref name="workload"/> in the server behind <paramref name="session"/>: (produce, serialize) CPU.</summary>
    public static async Task<(TimeSpan Produce, TimeSpan Serialize)> MeasureAsync(IE2eSession session, E2eWorkload workload, CancellationToken cancellationToken)
    {
        // Each step reads the CPU clock before and after; the output is kept only for the serializing step, in a
        // script block's scope so it is garbage once the block returns.
        var script = $$"""
            & {
            $p = [System.Diagnostics.Process]::GetCurrentProcess()
            [System.GC]::Collect()
            $p.Refresh(); $c0 = $p.TotalProcessorTime
            $null = & { {{workload.Script}} }
            $p.Refresh(); $c1 = $p.TotalProcessorTime
            $o = @(& { {{workload.Script}} })
            [System.GC]::Collect()
            $p.Refresh(); $c2 = $p.TotalProcessorTime
            foreach ($x in $o) { $null = [System.Management.Automation.PSSerializer]::Serialize($x, 1) }
            $p.Refresh(); $c3 = $p.TotalProcessorTime
            '{0:0} {1:0}' -f ($c1 - $c0).TotalMilliseconds, ($c3 - $c2).TotalMilliseconds
            }
            """;
        var text = await session.RunToTextAsync(script, cancellationToken).ConfigureAwait(false);
        var parts = text.Trim().Split(' ');
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var produce)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var serialize))
        {
            throw new InvalidOperationException($"The server-alone measurement of {workload.Id} gave '{text}'.");
        }

        return (TimeSpan.FromMilliseconds(produce), TimeSpan.FromMilliseconds(serialize));
    }
}
