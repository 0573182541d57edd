using System.Globalization;
using Psrp.Benchmarks.EndToEnd;
using Psrp.Client;
using Psrp.Providers.WSMan;
using Psrp.Providers.WSMan.Authentication;
using Psrp.Transport;
using Psrp.WSMan.Endpoint;

namespace Psrp.Benchmarks.Sweep;

/// <summary>
/// <c>--sweep-wsman [ROUNDS] [--quick]</c>: MaxEnvelopeSize over WSMan/HTTP, against the in-process test
/// endpoint (tests/Psrp.WSMan.Endpoint, as <c>--e2e-wsman</c>; a real PowerShell server per shell behind it).
/// The client's fragment size follows the envelope, and the endpoint bounds each Receive response by the
/// envelope size the request names, so both directions change. The endpoint accepts envelopes up to the
/// largest swept size (a WinRM service's MaxEnvelopeSizekb would have to be raised alike). Our client over
/// stdio runs alongside for reference. PowerShell's WSMan client does not run off Windows: no baseline row.
/// The CPU column is this process's: the client and the endpoint's relay together (the servers are processes of their own).
/// </summary>
public static class WSManSweep
{
    /// <summary>The reference row: our client over the process transport.</summary>
    private const string Stdio = "stdio (process transport), for reference";

    /// <summary>Starts the endpoint, opens every session, runs the sweep and closes everything.</summary>
    public static async Task RunAsync(int rounds, bool quick, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        LocalServerCommand.EnsureBuilt();
        var configurations = SweepConfiguration.ForWSMan(quick);
        var largest = configurations.Max(c => c.Transport?.MaxEnvelopeSize ?? WSManConnectionOptions.ModernMaxEnvelopeSize);
        await using var endpoint = await WSManTestEndpoint.StartAsync(
            new WSManEndpointOptions { HttpsPort = null, AllowBasicOverHttp = true, LocalServerPath = LocalServerCommand.DllPath, MaxEnvelopeSize = largest },
            cancellationToken).ConfigureAwait(false);
        var sessions = new List<SweepSession>();
        try
        {
            foreach (var configuration in configurations)
            {
                var transport = WSManTransportProvider.Connect(new WSManConnectionOptions
                {
                    Endpoint = endpoint.HttpUri,
                    Authentication = new BasicAuthentication(new PsrpCredential(endpoint.UserName, endpoint.Password)),
                    NoEncryption = true,
                    OperationTimeout = TimeSpan.FromSeconds(60),
                    MaxEnvelopeSize = configuration.Transport?.MaxEnvelopeSize,
                });
                var pool = await RunspacePool.OpenAsync(transport, configuration.Pool, cancellationToken).ConfigureAwait(false);
                var name = string.Create(CultureInfo.InvariantCulture, $"{configuration.Name}: {transport.MaxEnvelopeSize:N0} B envelopes, {transport.Capabilities.MaxFragmentSize:N0} B fragments");
                sessions.Add(new(name, new OurSession(pool), configuration.Workloads, () => transport.Statistics.RoundTrips));
            }

            sessions.Add(new(Stdio, await OurSession.OpenAsync(cancellationToken).ConfigureAwait(false), configurations[0].Workloads));
            output.WriteLine($"{sessions.Count} sessions open ({endpoint.ShellCount} shells), endpoint MaxEnvelopeSize {largest:N0}, load average {EndToEndBenchmark.LoadAverage()}");
            var defaults = sessions[0].Name;
            await SweepRunner.RunAsync(sessions, _ => defaults, rounds, output, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await TuningSweep.DisposeAllAsync(sessions).ConfigureAwait(false);
        }
    }
}
