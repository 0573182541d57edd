using Psrp.Client;
using Psrp.Providers.WSMan;
using Psrp.Providers.WSMan.Authentication;
using Psrp.Transport;
using Psrp.WSMan.Endpoint;

namespace Psrp.WSMan.Tests.Integration;

/// <summary>
/// One WS-Management test endpoint (tests/Psrp.WSMan.Endpoint: Kestrel on 127.0.0.1, a real
/// PowerShell server behind every shell) shared by a test class; Basic accepted over HTTP too so
/// both schemes can be exercised. A missing LocalServer fails the fixture, never skips.
/// </summary>
public sealed class EndpointFixture : IAsyncLifetime
{
    public WSManTestEndpoint Endpoint { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Endpoint = await WSManTestEndpoint.StartAsync(new WSManEndpointOptions { AllowBasicOverHttp = true, DefaultOperationTimeout = TimeSpan.FromSeconds(20) });

    public async Task DisposeAsync() => await Endpoint.DisposeAsync();

    /// <summary>Connection options for the endpoint over HTTP or HTTPS with the right Basic credentials.</summary>
    public WSManConnectionOptions Options(bool https) => For(Endpoint, https);

    public static WSManConnectionOptions For(WSManTestEndpoint endpoint, bool https, string? password = null) => new()
    {
        Endpoint = https ? endpoint.HttpsUri! : endpoint.HttpUri,
        Authentication = new BasicAuthentication(new PsrpCredential(endpoint.UserName, password ?? endpoint.Password)),
        NoEncryption = !https,
        TrustedRootCertificates = [endpoint.CaCertificate],
        SkipRevocationCheck = true,
        OperationTimeout = TimeSpan.FromSeconds(20),
    };

    public static async Task<(RunspacePool Pool, WSManTransport Transport)> OpenAsync(WSManConnectionOptions options, RunspacePoolOptions? poolOptions = null)
    {
        var transport = WSManTransportProvider.Connect(options);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var pool = await RunspacePool.OpenAsync(transport, poolOptions, timeout.Token);
        return (pool, transport);
    }
}
