using Psrp.Client;
using Psrp.Container.Tests.Fixture;
using Psrp.Providers.Container;
using Psrp.Transport;

namespace Psrp.Container.Tests;

/// <summary>
/// Every way to reach the engine that this machine can offer: the unix socket from DOCKER_HOST,
/// plain tcp, and tcp with TLS (client certificate, CA check) from settings or from the docker
/// CLI's variables. Named pipes exist only on Windows and are not tested here.
/// </summary>
[Collection(DockerCollection.Name)]
public class EndpointTests(DockerEngineFixture docker)
{
    [Fact]
    public async Task DockerHostVariable_NamesTheUnixSocket()
    {
        using var _ = new EnvironmentScope(("DOCKER_HOST", docker.SocketEndpoint.OriginalString), ("DOCKER_TLS_VERIFY", null), ("DOCKER_TLS", null));
        await AssertWorksAsync(docker.Options() with { Engine = new DockerEngineOptions() }, docker.SocketEndpoint.OriginalString);
    }

    [Fact]
    public async Task PlainTcp_Works()
    {
        using var _ = new EnvironmentScope(("DOCKER_TLS_VERIFY", null), ("DOCKER_TLS", null));
        await AssertWorksAsync(docker.Options() with { Engine = new DockerEngineOptions { Endpoint = docker.PlainTcpEndpoint } }, docker.PlainTcpEndpoint.OriginalString);
    }

    [Fact]
    public async Task TcpWithTls_FromProviderSettings_VerifiesTheEngineAndSendsTheClientCertificate()
    {
        using var _ = new EnvironmentScope(("DOCKER_TLS_VERIFY", null), ("DOCKER_TLS", null), ("DOCKER_CERT_PATH", null));
        var parameters = new SessionParameters
        {
            ContainerId = docker.Main.Name,
            ProviderSettings = new Dictionary<string, string>
            {
                [ContainerSettings.Host] = docker.TlsEndpoint.OriginalString,
                [ContainerSettings.TlsVerify] = "true",
                [ContainerSettings.CertPath] = docker.Certificates.ClientFolder,
            },
        };
        var (_, target) = parameters.Resolve();
        var options = ContainerSettings.ToOptions(new TransportConnectRequest(target, parameters));
        await AssertWorksAsync(options, docker.TlsEndpoint.OriginalString + " (TLS)");
    }

    [Fact]
    public async Task TcpWithTls_FromTheDockerCliVariables()
    {
        using var _ = new EnvironmentScope(
            ("DOCKER_HOST", docker.TlsEndpoint.OriginalString),
            ("DOCKER_TLS_VERIFY", "1"),
            ("DOCKER_CERT_PATH", docker.Certificates.ClientFolder));
        await AssertWorksAsync(docker.Options() with { Engine = new DockerEngineOptions() }, docker.TlsEndpoint.OriginalString + " (TLS)");
    }

    [Fact]
    public async Task TcpWithTls_AgainstAnEngineSignedByAnotherCa_IsRefused()
    {
        using var _ = new EnvironmentScope(("DOCKER_TLS_VERIFY", null), ("DOCKER_TLS", null));
        var options = docker.Options() with
        {
            Engine = new DockerEngineOptions { Endpoint = docker.TlsEndpoint, VerifyServer = true, CertificatePath = docker.Certificates.WrongCaFolder },
        };
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(async () => await new ContainerTransportProvider().ConnectAsync(options));
        Assert.Equal(TransportPhase.Connect, ex.Phase);
        Assert.True(ex.Message.Contains("cannot reach the Docker engine at " + docker.TlsEndpoint.OriginalString + " (TLS)", StringComparison.Ordinal), ex.Message);
    }

    [Fact]
    public async Task TcpWithoutTls_AgainstATlsEngine_IsAClearError()
    {
        using var _ = new EnvironmentScope(("DOCKER_TLS_VERIFY", null), ("DOCKER_TLS", null));
        var options = docker.Options() with { Engine = new DockerEngineOptions { Endpoint = docker.TlsEndpoint, RequestTimeout = TimeSpan.FromSeconds(5) } };
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(async () => await new ContainerTransportProvider().ConnectAsync(options));
        Assert.Equal(TransportPhase.Connect, ex.Phase);
        Assert.True(ex.Message.Contains(docker.TlsEndpoint.OriginalString, StringComparison.Ordinal), ex.Message);
    }

    private async Task AssertWorksAsync(ContainerTransportOptions options, string expectedEngine)
    {
        var (pool, transport) = await docker.OpenAsync(options);
        await using (pool)
        {
            Assert.Equal(expectedEngine, transport.Engine);
            Assert.Equal("over " + expectedEngine, (await pool.InvokeScriptAsync($"'over {expectedEngine}'")).Single()!.BaseValue);
        }

        // Closing over this endpoint still ends the exec (the half-close reached the server).
        Assert.False(await docker.ExecRunningAsync(transport.ExecId));
    }
}
