using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Psrp.Transport;

namespace Psrp.Hosting.Tests;

/// <summary>services.AddPsrp(...): the factory from the container opens sessions, and the container's logging reaches the plugins.</summary>
public class ServiceCollectionTests
{
    [Fact]
    public async Task AddPsrp_TheFactoryOpensALocalSession_ThroughTheBuiltInProcessProvider()
    {
        _ = LocalServer.DllPath; // the process provider finds it in localserver/ beside the tests
        var services = new ServiceCollection().AddPsrp(o => o.IncludeDefaultPluginFolders = false);
        await using var provider = services.BuildServiceProvider();

        var factory = provider.GetRequiredService<PsrpSessionFactory>();

        Assert.Same(provider.GetRequiredService<TransportCatalog>(), factory.Catalog);
        Assert.Same(factory, provider.GetRequiredService<PsrpSessionFactory>());
        await using var pool = await factory.OpenAsync(new SessionParameters(), cancellationToken: Catalogs.SessionTimeout());
        Assert.Equal(2, Assert.Single(await pool.InvokeScriptAsync("1+1"))!.BaseValue);
    }

    [Fact]
    public async Task AddPsrp_TheContainersLoggerFactory_ReachesTheCatalogAndThePlugin()
    {
        using var temp = new TempFolder();
        PluginsUnderTest.CopyFlat(PluginsUnderTest.Loopback, temp.Path);
        var capture = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Debug))
            .AddPsrp(o =>
            {
                o.IncludeDefaultPluginFolders = false;
                o.PluginFolders.Add(temp.Path);
            });
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<PsrpSessionFactory>();

        var transport = await factory.ConnectAsync(LoopbackPluginTests.LoopbackSession(), Catalogs.SessionTimeout());
        await transport.DisposeAsync();

        Assert.Contains(capture.Lines, l => l.Category == "Psrp.Plugin.Loopback" && l.Level == LogLevel.Information && l.Message.Contains(LocalServer.DllPath, StringComparison.Ordinal));
        Assert.Contains(capture.Lines, l => l.Category == typeof(TransportCatalog).FullName && l.Message.Contains("Transport provider loopback", StringComparison.Ordinal));
        Assert.Contains(capture.Lines, l => l.Category == typeof(PsrpSessionFactory).FullName && l.Message.Contains("Connecting to loopback:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddPsrp_CalledTwice_RegistersOnce_AndAppliesEveryConfiguration()
    {
        using var temp = new TempFolder();
        var services = new ServiceCollection()
            .AddPsrp(o => o.IncludeDefaultPluginFolders = false)
            .AddPsrp(o => o.PluginFolders.Add(temp.Path));
        await using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(PsrpSessionFactory));
        Assert.Equal([temp.Path], provider.GetRequiredService<TransportCatalog>().PluginFolders);
    }
}
