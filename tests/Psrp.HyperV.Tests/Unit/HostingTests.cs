using System.Composition.Hosting;
using Psrp.Hosting;
using Psrp.Providers.HyperV;
using Psrp.Transport;

namespace Psrp.HyperV.Tests.Unit;

/// <summary>
/// The provider as hosts meet it: a built-in MEF export for the <c>vm</c> scheme, Windows only, so
/// <c>psrp enter -VMId … -Credential …</c> on another system gets a clear "runs only on windows".
/// </summary>
public class HostingTests
{
    [Fact]
    public void TheExport_ServesTheVmScheme_OnWindows()
    {
        var container = new ContainerConfiguration().WithAssembly(typeof(HyperVTransportProvider).Assembly).CreateContainer();

        var export = Assert.Single(container.GetExports<System.Composition.ExportFactory<ITransportProvider, TransportProviderMetadata>>());

        Assert.Equal("hyperv", export.Metadata.Name);
        Assert.Equal(["vm"], export.Metadata.Schemes);
        Assert.Equal(["windows"], export.Metadata.OperatingSystems);
        using var provider = export.CreateExport();
        Assert.IsType<HyperVTransportProvider>(provider.Value);
    }

    [Fact]
    public void TheHostingCatalog_HasItBuiltIn()
    {
        var catalog = TransportCatalog.Create(new PsrpHostingOptions { IncludeDefaultPluginFolders = false });

        var info = Assert.Single(catalog.Providers, p => p.Name == HyperVTransportProvider.Name);

        Assert.True(info.IsBuiltIn);
        Assert.Equal(["vm"], info.Schemes);
        Assert.Equal(OperatingSystem.IsWindows(), info.SupportedOnThisSystem);
    }

    [Fact]
    public async Task VMId_ThroughTheSessionFactory_OffWindows_SaysItRunsOnlyOnWindows()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var factory = new PsrpSessionFactory(TransportCatalog.Create(new PsrpHostingOptions { IncludeDefaultPluginFolders = false }));

        var error = await Assert.ThrowsAsync<ProviderNotSupportedException>(() =>
            factory.ConnectAsync(new SessionParameters { VMId = Guid.NewGuid(), Credential = new PsrpCredential("admin", "Secret-1") }));

        Assert.Equal("vm", error.Scheme);
        Assert.Contains("runs only on windows", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret-1", error.Message, StringComparison.Ordinal);
    }
}
