using Psrp.Hosting;
using Psrp.Providers.OpenSsh;
using Psrp.Providers.Ssh;
using Psrp.Ssh.Tests.Fixtures;
using Psrp.Transport;

namespace Psrp.Ssh.Tests;

/// <summary>
/// The path a host (the psrp CLI) takes: the hosting catalog with both SSH providers built in,
/// selection by the <c>ssh</c> scheme or by name, and -HostName parameters as a user gives them.
/// </summary>
[Collection(SshdCollection.Name)]
public class HostingTests(SshdFixture sshd)
{
    [Fact]
    public async Task Catalog_SelectsSshForHostName_AndOpenSshByName()
    {
        var options = new PsrpHostingOptions { IncludeDefaultPluginFolders = false };
        options.BuiltInProviderAssemblies.Add(typeof(SshTransportProvider).Assembly);
        options.BuiltInProviderAssemblies.Add(typeof(OpenSshTransportProvider).Assembly);
        var catalog = TransportCatalog.Create(options);
        Assert.Empty(catalog.Failures);
        Assert.Empty(catalog.Conflicts);
        Assert.Equal("ssh", catalog.Select(TransportTarget.Parse("ssh://host")).Info.Name);
        Assert.Equal("ssh", catalog.Select(TransportTarget.ParseSshHostName("user@host:2222")).Info.Name);
        Assert.Equal("openssh", catalog.Select(TransportTarget.ParseSshHostName("host"), "openssh").Info.Name);

        var sessions = new PsrpSessionFactory(catalog);
        var parameters = sshd.Parameters() with { KeyFilePath = sshd.Ed25519Key };
        await using (var pool = await sessions.OpenAsync(parameters))
        {
            Assert.IsType<SshTransport>(pool.Transport);
            Assert.Equal(3, (await pool.InvokeScriptAsync("1 + 2")).Single()!.BaseValue);
        }

        var viaOpenSsh = parameters with
        {
            Provider = "openssh",
            Options = new Dictionary<string, string>
            {
                ["UserKnownHostsFile"] = sshd.KnownHosts,
                ["GlobalKnownHostsFile"] = "/dev/null",
                ["BatchMode"] = "yes",
            },
        };
        await using (var pool = await sessions.OpenAsync(viaOpenSsh))
        {
            Assert.Equal("openssh", pool.Transport.Capabilities.Name);
            Assert.Equal(3, (await pool.InvokeScriptAsync("1 + 2")).Single()!.BaseValue);
        }
    }
}
