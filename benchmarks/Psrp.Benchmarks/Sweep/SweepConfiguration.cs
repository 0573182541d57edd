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
    /// <summary>The name of the row every other is compared with.</summary>
    public const string DefaultsName = "defaults (32K fragments, packed, 64K buffer, queue 64)";

    // Client to server, where fragment size and packing apply; server to client, where the receive knobs apply.
    private static readonly string[] Send = [SweepWorkloads.Script8m, SweepWorkloads.Input50k];
    private static readonly string[] Receive = [SweepWorkloads.String16m, SweepWorkloads.Small50k];

    /// <summary>The sweep: fragment size and packing (client to server), receive buffer and queue capacities (server to client).</summary>
    public static IReadOnlyList<SweepConfiguration> All(bool quick)
    {
        string[] send = Send;
        string[] receive = Receive;
        var all = new List<SweepConfiguration>
        {
            new(DefaultsName, null, null, [.. Send, .. Receive]),
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

    /// <summary>
    /// The SSH sweep, per SSH provider: fragment size and packing on the send workloads; in the full sweep also
    /// the receive buffer on the receive workloads (an SSH channel delivers data in its own packet sizes).
    /// </summary>
    /// <remarks>
    /// <c>--quick</c> (under ~5 minutes on 2 cores) leaves <see cref="SweepWorkloads.Input50k"/> out of the two
    /// configurations where one run takes 30–65 s over SSH: 256 KiB lines of small fragments (PowerShell's server
    /// copies the rest of a Data line after every fragment it takes out: quadratic in the line) and one fragment
    /// per line (one SSH round trip per message). The full sweep runs them.
    /// </remarks>
    public static IReadOnlyList<SweepConfiguration> ForSsh(bool quick)
    {
        string[] scriptOnly = [SweepWorkloads.Script8m];
        var all = new List<SweepConfiguration> { new(DefaultsName, null, null, [.. Send, .. Receive]) };
        foreach (var size in quick ? new[] { 4, 256 } : [4, 16, 64, 256])
        {
            all.Add(new($"fragment {size}K", new TransportOptions { MaxFragmentSize = size << 10 }, null, quick && size > 32 ? scriptOnly : Send));
        }

        all.Add(new("1 fragment per packet", new TransportOptions { MaxFragmentsPerPacket = 1 }, null, quick ? scriptOnly : Send));
        if (!quick)
        {
            foreach (var buffer in new[] { 8, 1024 })
            {
                all.Add(new($"receive buffer {buffer}K", new TransportOptions { ReceiveBufferSize = buffer << 10 }, null, Receive));
            }
        }

        return all;
    }

    /// <summary>
    /// The WSMan sweep: MaxEnvelopeSize (the client's fragment size follows it; the server's Receive responses are
    /// bounded by it) on the throughput workloads. Null envelope = the provider's default (500 KiB from protocol 2.2).
    /// Not <see cref="SweepWorkloads.Input50k"/> (not swept yet): <c>--e2e-wsman 1 input50k</c> measures it; the provider packs
    /// queued input into one Send per round trip up to the envelope's payload (docs/benchmarks.md, WSMan section).
    /// </summary>
    public static IReadOnlyList<SweepConfiguration> ForWSMan(bool quick)
    {
        string[] workloads = [SweepWorkloads.Script8m, .. Receive];
        var all = new List<SweepConfiguration> { new("defaults (envelope 500K)", null, null, workloads) };
        foreach (var size in quick ? new[] { 150 * 1024, 2 << 20 } : [150 * 1024, 256 * 1024, 1 << 20, 2 << 20, 4 << 20])
        {
            all.Add(new($"envelope {size / 1024}K", new TransportOptions { MaxEnvelopeSize = size }, null, workloads));
        }

        return all;
    }
}
