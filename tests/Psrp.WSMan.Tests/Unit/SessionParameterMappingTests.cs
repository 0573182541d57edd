using Psrp.Providers.WSMan;
using Psrp.Providers.WSMan.Authentication;
using Psrp.Transport;

namespace Psrp.WSMan.Tests.Unit;

/// <summary>Enter-PSSession's WSMan parameters map onto connection options as PowerShell maps them.</summary>
public sealed class SessionParameterMappingTests
{
    private const string Secret = "S3cret-pa55!";

    [Fact]
    public void ComputerName_defaults_to_http_5985_wsman_and_Microsoft_PowerShell()
    {
        var options = Map(new SessionParameters { ComputerName = "server", Credential = Credential() });
        Assert.Equal(new Uri("http://server:5985/wsman"), options.Endpoint);
        Assert.Equal("http://schemas.microsoft.com/powershell/Microsoft.PowerShell", options.ResourceUri);

        // PowerShell's Default with a credential is Negotiate, encrypted over HTTP.
        var negotiate = Assert.IsType<NegotiateSchemeAuthentication>(options.Authentication);
        Assert.Equal("Negotiate", negotiate.Package);
        Assert.Equal("HTTP/server", negotiate.TargetName(options.Endpoint));
        Assert.False(options.NoEncryption);
        Assert.DoesNotContain(Secret, negotiate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UseSSL_Port_ApplicationName_and_ConfigurationName()
    {
        var options = Map(new SessionParameters
        {
            ComputerName = "server",
            UseSsl = true,
            Port = 443,
            ApplicationName = "custom",
            ConfigurationName = "PowerShell.7",
            Credential = Credential(),
        });
        Assert.Equal(new Uri("https://server:443/custom"), options.Endpoint);
        Assert.Equal("http://schemas.microsoft.com/powershell/PowerShell.7", options.ResourceUri);
        Assert.Equal(new Uri("https://server:5986/wsman"), Map(new SessionParameters { ComputerName = "server", UseSsl = true, Credential = Credential() }).Endpoint);
    }

    [Fact]
    public void ConnectionUri_is_used_as_given_and_AllowRedirection_carries_over()
    {
        var options = Map(new SessionParameters { ConnectionUri = new Uri("https://host.example:8443/ps"), AllowRedirection = true, Credential = Credential() });
        Assert.Equal(new Uri("https://host.example:8443/ps"), options.Endpoint);
        Assert.True(options.AllowRedirection);
    }

    [Fact]
    public void Session_options_map_with_PowerShell_names_and_milliseconds()
    {
        var options = Map(new SessionParameters
        {
            ComputerName = "server",
            UseSsl = true,
            Credential = Credential(),
            SessionOption = new Dictionary<string, string>
            {
                ["OperationTimeout"] = "5000",
                ["opentimeout"] = "7000",
                ["CancelTimeout"] = "00:00:09",
                ["IdleTimeout"] = "600000",
                ["MaxEnvelopeSizeKB"] = "64",
                ["Culture"] = "de-DE",
                ["UICulture"] = "fr-FR",
                ["SkipCACheck"] = "$true",
                ["SkipCNCheck"] = "true",
                ["SkipRevocationCheck"] = "1",
                ["ProxyAccessType"] = "NoProxyServer",
                ["MaximumRedirection"] = "2",
                ["NoCompression"] = "$true",
            },
        });
        Assert.Equal(TimeSpan.FromSeconds(5), options.OperationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(7), options.OpenTimeout);
        Assert.Equal(TimeSpan.FromSeconds(9), options.CancelTimeout);
        Assert.Equal(TimeSpan.FromMinutes(10), options.IdleTimeout);
        Assert.Equal(64 * 1024, options.MaxEnvelopeSize);
        Assert.Equal("de-DE", options.Culture!.Name);
        Assert.Equal("fr-FR", options.UICulture!.Name);
        Assert.True(options.SkipCACheck && options.SkipCNCheck && options.SkipRevocationCheck && options.NoProxy);
        Assert.Equal(2, options.MaximumRedirection);
    }

    [Theory]
    [InlineData("Bogus", "1", "Bogus")]
    [InlineData("OperationTimeout", "soon", "OperationTimeout")]
    [InlineData("SkipCACheck", "maybe", "SkipCACheck")]
    [InlineData("Culture", "xx-notaculture", "Culture")]
    public void Bad_session_options_are_refused_naming_the_key(string key, string value, string named)
    {
        var error = Assert.Throws<SessionParameterException>(() => Map(new SessionParameters
        {
            ComputerName = "server",
            UseSsl = true,
            Credential = Credential(),
            SessionOption = new Dictionary<string, string> { [key] = value },
        }));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Basic_over_plain_HTTP_is_refused_unless_NoEncryption_allows_it()
    {
        var error = Assert.Throws<SessionParameterException>(() => Map(new SessionParameters { ComputerName = "server", Credential = Credential(), Authentication = AuthenticationMechanism.Basic }));
        Assert.Contains("NoEncryption", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);

        var allowed = Map(new SessionParameters { ComputerName = "server", Credential = Credential(), Authentication = AuthenticationMechanism.Basic, SessionOption = NoEncryption() });
        Assert.True(allowed.NoEncryption);
        Assert.IsType<BasicAuthentication>(allowed.Authentication);
    }

    [Theory]
    [InlineData(AuthenticationMechanism.Negotiate, "Negotiate", true)]
    [InlineData(AuthenticationMechanism.Kerberos, "Kerberos", true)]
    [InlineData(AuthenticationMechanism.Default, "Negotiate", false)]
    [InlineData(AuthenticationMechanism.NegotiateWithImplicitCredential, "Negotiate", false)]
    public void Negotiate_and_Kerberos_map_with_and_without_a_credential(AuthenticationMechanism mechanism, string package, bool withCredential)
    {
        var options = Map(new SessionParameters { ComputerName = "server", Credential = withCredential ? Credential() : null, Authentication = mechanism });
        var scheme = Assert.IsType<NegotiateSchemeAuthentication>(options.Authentication);
        Assert.Equal(package, scheme.Package);
        Assert.Equal(withCredential, scheme.Credential is not null);
        Assert.Equal(package == "Kerberos" ? "Kerberos" : "Negotiate", scheme.HttpScheme);
    }

    [Fact]
    public void NegotiateWithImplicitCredential_refuses_a_credential()
    {
        var error = Assert.Throws<SessionParameterException>(() => Map(new SessionParameters { ComputerName = "server", Credential = Credential(), Authentication = AuthenticationMechanism.NegotiateWithImplicitCredential }));
        Assert.Contains("-Credential", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SPN_session_options_choose_service_host_and_port()
    {
        var options = Map(new SessionParameters
        {
            ComputerName = "server.example",
            Port = 5985,
            Credential = Credential(),
            SessionOption = new Dictionary<string, string> { ["SPNService"] = "WSMAN", ["IncludePortInSPN"] = "$true" },
        });
        Assert.Equal("WSMAN/server.example:5985", ((NegotiateSchemeAuthentication)options.Authentication!).TargetName(options.Endpoint));

        var overridden = Map(new SessionParameters
        {
            ComputerName = "10.0.0.5",
            Credential = Credential(),
            SessionOption = new Dictionary<string, string> { ["SPNHostName"] = "server.example" },
        });
        Assert.Equal("HTTP/server.example", ((NegotiateSchemeAuthentication)overridden.Authentication!).TargetName(overridden.Endpoint));
        Assert.Throws<SessionParameterException>(() => Map(new SessionParameters { ComputerName = "s", Credential = Credential(), SessionOption = new Dictionary<string, string> { ["SPNService"] = "HT TP/x" } }));
    }

    [Theory]
    [InlineData(AuthenticationMechanism.Credssp)]
    [InlineData(AuthenticationMechanism.Digest)]
    public void Mechanisms_not_built_yet_are_refused_clearly(AuthenticationMechanism mechanism)
    {
        var error = Assert.Throws<SessionParameterException>(() => Map(new SessionParameters { ComputerName = "server", UseSsl = true, Credential = Credential(), Authentication = mechanism }));
        Assert.Contains(mechanism.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_thumbprint_missing_from_the_store_is_refused_naming_it()
    {
        var error = Assert.Throws<SessionParameterException>(() => Map(new SessionParameters { ComputerName = "server", UseSsl = true, CertificateThumbprint = "00112233445566778899AABBCCDDEEFF00112233" }));
        Assert.Contains("00112233445566778899AABBCCDDEEFF00112233", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Certificate_authentication_needs_HTTPS()
    {
        var error = Assert.Throws<SessionParameterException>(() => Map(new SessionParameters { ComputerName = "server", CertificateThumbprint = "00" }));
        Assert.Contains("HTTPS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_sends_the_credential_only_in_the_header()
    {
        var basic = new BasicAuthentication(Credential());
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://server/wsman");
        await basic.AuthorizeAsync(request, CancellationToken.None);
        Assert.Equal("Basic", request.Headers.Authorization!.Scheme);
        Assert.Equal("user:" + Secret, System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization.Parameter!)));
        Assert.DoesNotContain(Secret, basic.ToString(), StringComparison.Ordinal);
    }

    private static WSManConnectionOptions Map(SessionParameters parameters)
    {
        var (_, target) = parameters.Resolve();
        return WSManSessionParameters.Map(new TransportConnectRequest(target, parameters));
    }

    private static PsrpCredential Credential() => new("user", Secret);

    private static Dictionary<string, string> NoEncryption() => new() { ["NoEncryption"] = "$true" };
}
