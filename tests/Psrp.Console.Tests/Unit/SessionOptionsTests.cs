using Psrp.Cli.Cli;
using Psrp.Cli.Sessions;
using Psrp.Hosting;
using Psrp.Client;
using Psrp.Transport;

namespace Psrp.Cli.Tests.Unit;

/// <summary>From a command line to core's SessionParameters, as the enter and invoke commands bind them.</summary>
public class SessionOptionsTests
{
    private static SessionParameters Bind(params string[] args)
    {
        var options = new SessionOptions();
        var command = new System.CommandLine.Command("enter");
        options.AddTo(command);
        var result = command.Parse(ArgumentNormalizer.Normalize(["enter", .. args]).Skip(1).ToArray(), CommandLine.Parsing);
        Assert.Empty(result.Errors);
        return options.Bind(result, options.CredentialUser(result) is null ? null : "pw");
    }

    [Fact]
    public void The_SSH_parameter_set_binds_every_parameter()
    {
        var p = Bind("-HostName", "user@host:2222", "-KeyFilePath", "/k", "-Subsystem", "ps", "-ConnectingTimeout", "5000", "-Options", "@{Compression='yes'}");

        var (set, target) = p.Resolve();
        Assert.Equal(SessionParameterSet.SSHHost, set);
        Assert.Equal("ssh://user@host:2222", target.ToString());
        Assert.Equal("/k", p.KeyFilePath);
        Assert.Equal("ps", p.Subsystem);
        Assert.Equal(5000, p.ConnectingTimeout);
        Assert.Equal("yes", p.Options!["compression"]);
    }

    [Fact]
    public void The_WSMan_parameter_set_binds_with_aliases_and_a_credential()
    {
        var p = Bind("-Cn", "server01", "-UseSSL", "-Port", "5987", "-Authentication", "negotiate", "-Credential", @"DOM\u", "-SessionOption", "SkipCACheck=true");

        var (set, target) = p.Resolve();
        Assert.Equal(SessionParameterSet.ComputerName, set);
        Assert.Equal("https://server01:5987/wsman", target.ToString());
        Assert.Equal(AuthenticationMechanism.Negotiate, p.Authentication);
        Assert.Equal(@"DOM\u", p.Credential!.UserName);
        Assert.Equal("pw", p.Credential.Password);
        Assert.Equal("true", p.SessionOption!["SkipCACheck"]);
    }

    [Fact]
    public void No_target_is_a_local_session_and_a_target_uri_is_its_own_set()
    {
        Assert.Equal(SessionParameterSet.Local, Bind().Resolve().Set);
        Assert.Equal(SessionParameterSet.Target, Bind("container://web").Resolve().Set);
        Assert.Equal(SessionParameterSet.VMId, Bind("-VMGuid", Guid.NewGuid().ToString(), "-Credential", "admin").Resolve().Set);
    }

    [Theory]
    [InlineData("-VMId", "not-a-guid")]
    [InlineData("-Authentication", "Telepathy")]
    [InlineData("-ConnectionUri", "::")]
    [InlineData("-Session", "s")]
    public void Bad_values_are_usage_errors(string name, string value)
    {
        Assert.Throws<UsageException>(() => Bind(name, value));
    }

    [Fact]
    public async Task The_catalog_factory_lists_the_built_in_provider_and_says_when_no_provider_serves_a_scheme()
    {
        var factory = new CatalogSessionFactory(new PsrpSessionFactory(TransportCatalog.Create(new PsrpHostingOptions { IncludeDefaultPluginFolders = false })));

        var error = await Assert.ThrowsAsync<ProviderNotFoundException>(() => factory.OpenAsync(Bind("nosuchscheme://h"), new RunspacePoolOptions(), null, CancellationToken.None));

        Assert.Contains("nosuchscheme", error.Message, StringComparison.Ordinal);
        Assert.Contains(factory.Describe().Providers, p => p.Name == "process" && p.Schemes.Contains("process") && p.Source == TransportProviderInfo.BuiltIn);
    }
}
