using Psrp.Client;
using Psrp.Transport;

namespace Psrp.Benchmarks.Sweep;

/// <summary>One point of the tuning sweep: a name, the transport tuning, the pool options, and the workloads it is measured on.</summary>
/// <param name="Name">What the table calls it.</param>
/// <param name="Transport">Transport tuning (null: defaults).</param>
/// <param name="Pool">Pool options (null: defaults).</param>
/// <param name="Workloads">Ids of the workloads this knob can affect.</param>
public sealed record SweepConfiguration(string Name, TransportOptions? Transport, RunspacePoolOptions? Pool, IReadOnlyList<string> Workloads)
{
    /// <summary>The sweep: fragment size and packing (client to server), receive buffer and queue capacities (server to client).</summary>
    public static IReadOnlyList<SweepConfiguration> All(bool quick)
    {
        string[] send = [SweepWorkloads.Script8m];
        string[] receive = [SweepWorkloads.String16m, SweepWorkloads.Small50k];
        var all = new List<SweepConfiguration>
        {
            new("defaults (32K fragments, packed, 64K buffer, queue 64)", null, null, [SweepWorkloads.Script8m, SweepWorkloads.String16m, SweepWorkloads.Small50k]),
        };
        foreach (var size in quick ? new[] { 4, 256 } : [4, 16, 64, 256, 1024])
        {
            all.Add(new($"fragment {size}K", new TransportOptions { MaxFragmentSize = size << 10 }, null, send));
        }

        all.Add(new("1 fragment per packet", new TransportOptions { MaxFragmentsPerPacket = 1 }, null, send));
        foreach (var buffer in quick ? new[] { 8, 1024 } : [8, 16, 256, 1024])
        {
            all.Add(new($"receive buffer {buffer}K", new TransportOptions { ReceiveBufferSize = buffer << 10 }, null, receive));
        }

        foreach (var queue in quick ? new[] { 4 } : [4, 16, 256])
        {
            all.Add(new($"receive queue {queue}", new TransportOptions { ReceiveQueueCapacity = queue }, null, receive));
        }

        all.Add(new("output buffer 64", null, new RunspacePoolOptions { OutputBufferCapacity = 64 }, [SweepWorkloads.Small50k]));
        return all;
    }
}
