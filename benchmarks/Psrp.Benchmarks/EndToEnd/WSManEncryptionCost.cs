using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Psrp.Client;
using Psrp.Providers.WSMan;
using Psrp.Providers.WSMan.Authentication;
using Psrp.Transport;
using Psrp.WSMan.Endpoint;
using Psrp.WSMan.Endpoint.Security;

namespace Psrp.Benchmarks.EndToEnd;

/// <summary>
/// <c>--e2e-wsman-encryption [ROUNDS] [WORKLOAD…]</c>: what message encryption costs. One endpoint (a
/// real KDC realm, Kerberos, plaintext allowed), two sessions of our client on it that differ only in
/// encryption (<see cref="WSManConnectionOptions.NoEncryption"/>), the rounds of each workload
/// alternating between them; wall time and this process's CPU per round, medians, and the handshake
/// legs per TCP connection.
/// </summary>
public static class WSManEncryptionCost
{
    /// <summary>Runs the comparison.</summary>
    public static async Task RunAsync(int rounds, IReadOnlyList<E2eWorkload> workloads, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        ArgumentNullException.ThrowIfNull(output);
        LocalServerCommand.EnsureBuilt();
        using var realm = TestRealm.Start();

        // Client and endpoint share this process: GSSAPI must see the realm before its first call.
        foreach (var (name, value) in realm.Environment)
        {
            Environment.SetEnvironmentVariable(name, value);
            _ = setenv(name, value, 1);
        }

        await using var endpoint = await WSManTestEndpoint.StartAsync(
            new WSManEndpointOptions { HttpsPort = null, AllowUnencrypted = true, LocalServerPath = LocalServerCommand.DllPath },
            cancellationToken).ConfigureAwait(false);
        var encrypted = new WSManConnectionOptions
        {
            Endpoint = new UriBuilder(endpoint.HttpUri) { Host = "localhost" }.Uri,
            Authentication = new NegotiateSchemeAuthentication("Kerberos", new PsrpCredential($"{TestRealm.KerberosUser}@{TestRealm.Name}", realm.KerberosPassword)),
            OperationTimeout = TimeSpan.FromSeconds(60),
        };
        var plain = encrypted with { NoEncryption = true };

        output.WriteLine($"WSMan/HTTP with Kerberos against the test endpoint, {rounds} rounds after a warm-up, alternating; medians; CPU is this process (client and endpoint).");
        output.WriteLine();
        output.WriteLine("| Workload | encrypted wall | plaintext wall | wall ratio | encrypted CPU | plaintext CPU | CPU ratio | handshake legs / connection |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var workload in workloads.Where(w => w.Kind != E2eWorkloadKind.Open))
        {
            var (encryptedPool, encryptedTransport) = await OpenAsync(encrypted, cancellationToken).ConfigureAwait(false);
            var (plainPool, _) = await OpenAsync(plain, cancellationToken).ConfigureAwait(false);
            await using var encryptedSession = new OurSession(encryptedPool);
            await using var plainSession = new OurSession(plainPool);
            var samples = new Dictionary<bool, List<(TimeSpan Wall, TimeSpan Cpu)>> { [true] = [], [false] = [] };
            for (var round = 0; round <= rounds; round++)
            {
                foreach (var useEncryption in round % 2 == 0 ? new[] { true, false } : [false, true])
                {
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var clock = Stopwatch.StartNew();
                    await workload.RunAsync(useEncryption ? encryptedSession : plainSession, cancellationToken).ConfigureAwait(false);
                    clock.Stop();
                    var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                    if (round > 0)
                    {
                        samples[useEncryption].Add((clock.Elapsed, used));
                    }
                }
            }

            var statistics = encryptedTransport.Statistics;
            var legs = statistics.RoundTripsByOperation.GetValueOrDefault("Authenticate") / (double)Math.Max(1, statistics.Connections);
            var (ew, ec) = Medians(samples[true]);
            var (pw, pc) = Medians(samples[false]);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {workload.Title} | {Ms(ew)} | {Ms(pw)} | {ew / pw:0.00} | {Ms(ec)} | {Ms(pc)} | {ec / pc:0.00} | {legs:0.##} ({statistics.Connections} connections) |"));
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<(RunspacePool Pool, WSManTransport Transport)> OpenAsync(WSManConnectionOptions options, CancellationToken cancellationToken)
    {
        var transport = WSManTransportProvider.Connect(options);
        return (await RunspacePool.OpenAsync(transport, cancellationToken: cancellationToken).ConfigureAwait(false), transport);
    }

    private static (TimeSpan Wall, TimeSpan Cpu) Medians(List<(TimeSpan Wall, TimeSpan Cpu)> samples)
    {
        var walls = samples.Select(s => s.Wall).Order().ToList();
        var cpus = samples.Select(s => s.Cpu).Order().ToList();
        return (walls[walls.Count / 2], cpus[cpus.Count / 2]);
    }

    private static string Ms(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.#} ms");

    // .NET's environment is its own copy; native GSSAPI reads the C library's.
    [DllImport("libc", CharSet = CharSet.Ansi)]
    private static extern int setenv(string name, string value, int overwrite);
}
