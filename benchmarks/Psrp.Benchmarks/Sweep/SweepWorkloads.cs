using Psrp.Benchmarks.EndToEnd;

namespace Psrp.Benchmarks.Sweep;

/// <summary>
/// The sweep's workloads: the end-to-end throughput workloads (server to client), and two that
/// load the client-to-server direction, where the client's fragment size and packing apply: one
/// large message (<see cref="Script8m"/>) and many small ones (<see cref="Input50k"/>).
/// </summary>
public static class SweepWorkloads
{
    /// <summary>An 8,000,000-character script literal: CREATE_PIPELINE of ~8 MB, below the server's 10 MiB object limit.</summary>
    public const string Script8m = "script8m";

    /// <summary>One 16 MiB string back.</summary>
    public const string String16m = "string16m";

    /// <summary>50,000 small objects back.</summary>
    public const string Small50k = "small50k";

    /// <summary>50,000 small objects streamed in as pipeline input (client to server, many small messages: packing).</summary>
    public const string Input50k = "input50k";

    private const int ScriptLength = 8_000_000;

    /// <summary>The workload named <paramref name="id"/>.</summary>
    public static E2eWorkload Find(string id) => id == Script8m
        ? new E2eWorkload(Script8m, "an 8 MB script (client to server)", E2eWorkloadKind.Throughput, $"$s = '{new string('x', ScriptLength)}'; $s.Length", 1, null)
        : E2eWorkload.Find(id);

    /// <summary>Checks a run's output; the times of a wrong run mean nothing.</summary>
    public static void Check(E2eWorkload workload, E2eOutput output)
    {
        var ok = workload.Id switch
        {
            Script8m => output.Items == 1,
            String16m => output.Items == 1 && output.Characters == 16 << 20,
            _ => output.Items == workload.ItemsPerPipeline && output.Touched == workload.ItemsPerPipeline,
        };
        if (!ok)
        {
            throw new InvalidOperationException($"{workload.Id}: {output.Items} items, {output.Touched} touched, {output.Characters} characters — not the expected output.");
        }
    }
}
