using System.Diagnostics;
using System.Globalization;
using Psrp.Client;
using Psrp.Providers.WSMan;
using Psrp.Providers.WSMan.Authentication;
using Psrp.Providers.WSMan.Http;
using Psrp.Transport;
using Psrp.WSMan.Endpoint;

namespace Psrp.Benchmarks.EndToEnd;

/// <summary>
/// <c>--e2e-wsman [ROUNDS] [WORKLOAD…]</c>: the end-to-end workloads through our client over WSMan/HTTP
/// against the test endpoint (tests/Psrp.WSMan.Endpoint, a real PowerShell server behind it), counting
/// HTTP round trips per WS-Management operation and bytes on the wire (socket bytes, headers included),
/// and timing the same workload through our client over stdio in the same run for reference.
/// PowerShell's own WSMan client does not run off Windows, so there is no PowerShell column here.
/// </summary>
public static class WSManTraffic
{
    private static readonly string[] Operations = ["Create", "Command", "Send", "Receive", "Signal", "Delete"];

    /// <summary>Runs the workloads; round 0 is a warm-up, then <paramref name="rounds"/> measured rounds.</summary>
    public static async Task RunAsync(int rounds, IReadOnlyList<E2eWorkload> workloads, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        ArgumentNullException.ThrowIfNull(output);
        LocalServerCommand.EnsureBuilt();
        await using var endpoint = await WSManTestEndpoint.StartAsync(
            new WSManEndpointOptions { HttpsPort = null, AllowBasicOverHttp = true, LocalServerPath = LocalServerCommand.DllPath },
            cancellationToken).ConfigureAwait(false);
        var options = new WSManConnectionOptions
        {
            Endpoint = endpoint.HttpUri,
            Authentication = new BasicAuthentication(new PsrpCredential(endpoint.UserName, endpoint.Password)),
            NoEncryption = true,
            OperationTimeout = TimeSpan.FromSeconds(60),
        };

        output.WriteLine($"WSMan/HTTP against the test endpoint, {rounds} rounds after a warm-up; times are medians; traffic is per pipeline (open: per open).");
        output.WriteLine();
        output.WriteLine("| Workload | WSMan time | stdio time | WSMan/stdio | Round trips per pipeline | Bytes sent | Bytes received |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var workload in workloads)
        {
            var (wsman, stdio, traffic) = workload.Kind == E2eWorkloadKind.Open
                ? await MeasureOpenAsync(options, rounds, cancellationToken).ConfigureAwait(false)
                : await MeasurePipelinesAsync(options, workload, rounds, cancellationToken).ConfigureAwait(false);
            var per = Math.Max(1, workload.Pipelines);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {workload.Title} | {Ms(wsman)} | {Ms(stdio)} | {wsman.TotalMilliseconds / stdio.TotalMilliseconds:0.00} | {Trips(traffic, per)} | {traffic.BytesSent / per:N0} | {traffic.BytesReceived / per:N0} |"));
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<(TimeSpan WSMan, TimeSpan Stdio, WSManTrafficSnapshot Traffic)> MeasureOpenAsync(WSManConnectionOptions options, int rounds, CancellationToken cancellationToken)
    {
        var wsman = new List<TimeSpan>();
        var stdio = new List<TimeSpan>();
        WSManTrafficSnapshot? traffic = null;
        for (var round = 0; round <= rounds; round++)
        {
            var transport = WSManTransportProvider.Connect(options);
            var clock = Stopwatch.StartNew();
            var pool = await RunspacePool.OpenAsync(transport, cancellationToken: cancellationToken).ConfigureAwait(false);
            clock.Stop();
            traffic = transport.Statistics.Snapshot();
            await pool.CloseAsync(cancellationToken).ConfigureAwait(false);

            var stdioClock = Stopwatch.StartNew();
            var session = await OurSession.OpenAsync(cancellationToken).ConfigureAwait(false);
            stdioClock.Stop();
            await session.DisposeAsync().ConfigureAwait(false);
            if (round > 0)
            {
                wsman.Add(clock.Elapsed);
                stdio.Add(stdioClock.Elapsed);
            }
        }

        return (Median(wsman), Median(stdio), traffic!);
    }

    private static async Task<(TimeSpan WSMan, TimeSpan Stdio, WSManTrafficSnapshot Traffic)> MeasurePipelinesAsync(WSManConnectionOptions options, E2eWorkload workload, int rounds, CancellationToken cancellationToken)
    {
        var transport = WSManTransportProvider.Connect(options);
        var pool = await RunspacePool.OpenAsync(transport, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var wsmanSession = new OurSession(pool);
        await using var stdioSession = await OurSession.OpenAsync(cancellationToken).ConfigureAwait(false);
        var wsman = new List<TimeSpan>();
        var stdio = new List<TimeSpan>();
        WSManTrafficSnapshot? traffic = null;
        for (var round = 0; round <= rounds; round++)
        {
            var before = transport.Statistics.Snapshot();
            var clock = Stopwatch.StartNew();
            var result = await workload.RunAsync(wsmanSession, cancellationToken).ConfigureAwait(false);
            clock.Stop();

            // Each pipeline's closing Signal goes out in the background after its last output: let it land before counting.
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            traffic = transport.Statistics.Snapshot().Since(before);
            if (result.Items != (long)workload.ItemsPerPipeline * workload.Pipelines)
            {
                throw new InvalidOperationException($"{workload.Id} over WSMan gave {result.Items} items, expected {workload.ItemsPerPipeline * workload.Pipelines}.");
            }

            var stdioClock = Stopwatch.StartNew();
            await workload.RunAsync(stdioSession, cancellationToken).ConfigureAwait(false);
            stdioClock.Stop();
            if (round > 0)
            {
                wsman.Add(clock.Elapsed);
                stdio.Add(stdioClock.Elapsed);
            }
        }

        return (Median(wsman), Median(stdio), traffic!);
    }

    private static string Trips(WSManTrafficSnapshot traffic, int per) =>
        string.Join(", ", Operations.Where(traffic.RoundTripsByOperation.ContainsKey)
            .Select(op => string.Create(CultureInfo.InvariantCulture, $"{op} {traffic.RoundTripsByOperation[op] / (double)per:0.##}")))
        + string.Create(CultureInfo.InvariantCulture, $" (= {traffic.RoundTrips / (double)per:0.##})");

    private static TimeSpan Median(List<TimeSpan> values)
    {
        values.Sort();
        return values.Count == 0 ? TimeSpan.Zero : values[values.Count / 2];
    }

    private static string Ms(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.#} ms");
}
