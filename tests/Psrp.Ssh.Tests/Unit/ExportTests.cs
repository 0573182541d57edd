using System.Composition;
using System.Composition.Hosting;
using Psrp.Providers.OpenSsh;
using Psrp.Providers.Ssh;
using Psrp.Transport;

namespace Psrp.Ssh.Tests.Unit;

/// <summary>Both providers are found by MEF with the metadata hosts select by.</summary>
public class ExportTests
{
    [Fact]
    public void BothProvidersAreExported_AndOnlySshOwnsTheSshScheme()
    {
        using var container = new ContainerConfiguration()
            .WithAssemblies([typeof(SshTransportProvider).Assembly, typeof(OpenSshTransportProvider).Assembly])
            .CreateContainer();
        var exports = container.GetExports<ExportFactory<ITransportProvider, TransportProviderMetadata>>().ToDictionary(e => e.Metadata.Name);

        Assert.Equal(["openssh", "ssh"], exports.Keys.Order());
        Assert.Equal(["ssh"], exports["ssh"].Metadata.Schemes);
        Assert.Empty(exports["openssh"].Metadata.Schemes);
        Assert.All(exports.Values, e => Assert.False(string.IsNullOrWhiteSpace(e.Metadata.Description)));
        using var ssh = exports["ssh"].CreateExport();
        Assert.IsType<SshTransportProvider>(ssh.Value);
        using var openssh = exports["openssh"].CreateExport();
        Assert.IsType<OpenSshTransportProvider>(openssh.Value);
    }
}
