using Psrp.Client;
using Psrp.Providers.WSMan;
using Psrp.Runspaces;

namespace Psrp.WSMan.Tests.Integration;

/// <summary>
/// One endpoint and two open pools on it, one over HTTP and one over HTTPS, each with a host and two
/// runspaces, shared by the tests of a class (opening a pool starts a PowerShell server: seconds).
/// </summary>
public sealed class PoolFixture : IAsyncLifetime
{
    private readonly EndpointFixture _endpoint = new();

    public EndpointFixture Endpoint => _endpoint;

    public RunspacePool Http { get; private set; } = null!;

    public RunspacePool Https { get; private set; } = null!;

    internal TestHost HttpHost { get; } = new();

    internal TestHost HttpsHost { get; } = new();

    public RunspacePool Pool(bool https) => https ? Https : Http;

    internal TestHost Host(bool https) => https ? HttpsHost : HttpHost;

    public WSManTransport Transport(bool https) => (WSManTransport)Pool(https).Transport;

    public async Task InitializeAsync()
    {
        await _endpoint.InitializeAsync();
        var opening = new[] { false, true }.Select(https => EndpointFixture.OpenAsync(
            _endpoint.Options(https),
            new RunspacePoolOptions { Host = https ? HttpsHost : HttpHost, Settings = new RunspacePoolSettings { MaxRunspaces = 2 } })).ToArray();
        var pools = await Task.WhenAll(opening);
        Http = pools[0].Pool;
        Https = pools[1].Pool;
    }

    public async Task DisposeAsync()
    {
        foreach (var pool in new[] { Http, Https })
        {
            if (pool is not null)
            {
                await pool.DisposeAsync();
            }
        }

        await _endpoint.DisposeAsync();
    }
}
