using Psrp.Container.Tests.Fixture;
using Psrp.Hosting;
using Psrp.Providers.Container;
using Psrp.Transport;

namespace Psrp.Container.Tests;

/// <summary>
/// The provider as hosts meet it: found by the MEF catalog from its export, selected by the
/// <c>container</c> scheme that <c>-ContainerId</c> resolves to, and connected by the session factory.
/// </summary>
[Collection(DockerCollection.Name)]
public class HostingTests(DockerEngineFixture docker)
{
    private static PsrpSessionFactory Sessions()
    {
        var options = new PsrpHostingOptions { IncludeDefaultPluginFolders = false };
        options.BuiltInProviderAssemblies.Add(typeof(ContainerTransportProvider).Assembly);
        return new PsrpSessionFactory(TransportCatalog.Create(options));
    }

    [Fact]
    public void TheCatalog_FindsTheContainerProvider_ForTheContainerScheme()
    {
        var catalog = Sessions().Catalog;
        Assert.Empty(catalog.Failures);
        var info = Assert.Single(catalog.Providers, p => p.Name == ContainerTransportProvider.Name);
        Assert.Equal(["container"], info.Schemes);
        Assert.True(info.IsBuiltIn);
        Assert.True(info.SupportedOnThisSystem);
        Assert.IsType<ContainerTransportProvider>(catalog.Select(new TransportTarget { Scheme = "container", Host = "x" }).Provider);
    }

    [Fact]
    public async Task ContainerId_ThroughTheSessionFactory_OpensAPoolInTheContainer()
    {
        await using var pool = await Sessions().OpenAsync(new SessionParameters
        {
            ContainerId = docker.Main.Name,
            ProviderSettings = new Dictionary<string, string> { [ContainerSettings.Host] = docker.SocketEndpoint.OriginalString },
        });
        Assert.Equal(docker.Main.Id[..12], (await pool.InvokeScriptAsync("[System.Net.Dns]::GetHostName()")).Single()!.BaseValue);
    }

    [Fact]
    public async Task ContainerTarget_ThroughTheSessionFactory_GivesTheProvidersOwnErrors()
    {
        var sessions = Sessions();
        var settings = new Dictionary<string, string> { [ContainerSettings.Host] = docker.SocketEndpoint.OriginalString };
        var missing = await Assert.ThrowsAsync<PsrpTransportException>(() =>
            sessions.ConnectAsync(new SessionParameters { Target = "container://nothing-here", ProviderSettings = settings }));
        Assert.Equal("container", missing.TransportName);
        Assert.True(missing.Message.Contains("no container 'nothing-here'", StringComparison.Ordinal), missing.Message);

        await Assert.ThrowsAsync<SessionParameterException>(() => sessions.ConnectAsync(new SessionParameters
        {
            ContainerId = docker.Main.Name,
            ProviderSettings = new Dictionary<string, string> { ["docker.tls"] = "maybe" },
        }));
    }
}
