using Psrp.Providers.HyperV;
using Psrp.Transport;

namespace Psrp.HyperV.Tests.Unit;

/// <summary>From the seed's parameters and vm:// targets to transport options.</summary>
public class SettingsTests
{
    private static readonly PsrpCredential Credential = new(@"CONTOSO\admin", "p");

    private static HyperVTransportOptions Map(SessionParameters parameters)
    {
        var (_, target) = parameters.Resolve();
        return HyperVSettings.ToOptions(new TransportConnectRequest(target, parameters));
    }

    [Fact]
    public void VMId_WithCredentialAndConfigurationName()
    {
        var id = Guid.NewGuid();

        var options = Map(new SessionParameters { VMId = id, Credential = Credential, ConfigurationName = "JEA" });

        Assert.Equal((id, null, "JEA", LegacyBrokerPolicy.FollowRegistry), (options.VmId, options.VmName, options.ConfigurationName, options.LegacyBroker));
        Assert.Same(Credential, options.Credential);
        Assert.Null(options.Connector);
    }

    [Fact]
    public void VMName_IsAName()
    {
        var options = Map(new SessionParameters { VMName = "Web 01", Credential = Credential });

        Assert.Equal((null, "Web 01"), (options.VmId, options.VmName));
    }

    [Fact]
    public void AVmTarget_HoldingAGuid_IsAnId_OtherwiseAName()
    {
        var id = Guid.NewGuid();

        Assert.Equal(id, Map(new SessionParameters { Target = $"vm://{id}", Credential = Credential }).VmId);
        Assert.Equal("My VM", Map(new SessionParameters { Target = "vm://My%20VM", Credential = Credential }).VmName);
    }

    [Fact]
    public void ProviderSettings_SetThePolicyAndTimeout()
    {
        var options = Map(new SessionParameters
        {
            VMName = "vm",
            Credential = Credential,
            ProviderSettings = new Dictionary<string, string> { ["HyperV.LegacyBroker"] = "Forbid", ["hyperv.timeout"] = "2.5", ["docker.host"] = "ignored" },
        });

        Assert.Equal(LegacyBrokerPolicy.Forbid, options.LegacyBroker);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.HandshakeTimeout);
    }

    [Theory]
    [InlineData("hyperv.legacybrokr", "x")]
    [InlineData("hyperv.legacybroker", "sometimes")]
    [InlineData("hyperv.timeout", "-1")]
    [InlineData("hyperv.timeout", "soon")]
    public void BadSettings_AreParameterErrors(string key, string value)
    {
        var parameters = new SessionParameters { VMName = "vm", Credential = Credential, ProviderSettings = new Dictionary<string, string> { [key] = value } };

        Assert.Throws<SessionParameterException>(() => Map(parameters));
    }

    [Fact]
    public void AVmTargetWithoutAHost_IsAParameterError() =>
        Assert.Throws<SessionParameterException>(() => Map(new SessionParameters { Target = "vm:", Credential = Credential }));

    [Fact]
    public void TheOptions_NeverShowThePassword() =>
        Assert.DoesNotContain("hunter2", new HyperVTransportOptions { VmName = "vm", Credential = new PsrpCredential("admin", "hunter2") }.ToString(), StringComparison.Ordinal);
}
