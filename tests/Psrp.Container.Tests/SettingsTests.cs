using Psrp.Providers.Container;
using Psrp.Transport;

namespace Psrp.Container.Tests;

/// <summary>From session parameters and provider settings to transport options (no engine needed).</summary>
public class SettingsTests
{
    private static ContainerTransportOptions ToOptions(SessionParameters parameters)
    {
        var (_, target) = parameters.Resolve();
        return ContainerSettings.ToOptions(new TransportConnectRequest(target, parameters));
    }

    [Fact]
    public void Defaults_ArePwshServerMode_AsTheDefaultUser_OnTheDefaultEngine()
    {
        var options = ToOptions(new SessionParameters { ContainerId = "web" });
        Assert.Equal("web", options.ContainerId);
        Assert.Equal("pwsh", options.ServerExecutable);
        Assert.Equal(["-NoLogo", "-NoProfile", "-s"], options.ServerArguments);
        Assert.False(options.RunAsAdministrator);
        Assert.Null(options.User);
        Assert.Null(options.Engine.Endpoint);
        Assert.Null(options.Engine.UseTls);
        Assert.Null(options.Engine.VerifyServer);
    }

    [Fact]
    public void SeedParametersAndEverySetting_AreRead()
    {
        var options = ToOptions(new SessionParameters
        {
            ContainerId = "abc123",
            ConfigurationName = "Cfg",
            RunAsAdministrator = true,
            ProviderSettings = new Dictionary<string, string>
            {
                ["Docker.Host"] = "tcp://engine:2376",
                ["docker.tls"] = "true",
                ["docker.tlsverify"] = "false",
                ["docker.certpath"] = "/certs",
                ["docker.timeout"] = "7.5",
                ["server.executable"] = "/opt/microsoft/powershell/7/pwsh",
                ["server.arguments"] = "[\"-NoLogo\", \"-s\", \"-WorkingDirectory\", \"/my dir\"]",
                ["exec.user"] = "app",
                ["unrelated.key"] = "left alone",
            },
        });
        Assert.Equal(("abc123", "Cfg", true, "app"), (options.ContainerId, options.ConfigurationName, options.RunAsAdministrator, options.User));
        Assert.Equal(new Uri("tcp://engine:2376"), options.Engine.Endpoint);
        Assert.Equal((true, false, "/certs"), (options.Engine.UseTls, options.Engine.VerifyServer, options.Engine.CertificatePath));
        Assert.Equal(TimeSpan.FromSeconds(7.5), options.Engine.RequestTimeout);
        Assert.Equal("/opt/microsoft/powershell/7/pwsh", options.ServerExecutable);
        Assert.Equal(["-NoLogo", "-s", "-WorkingDirectory", "/my dir"], options.ServerArguments);
    }

    [Fact]
    public void ContainerTarget_NamesTheContainer()
    {
        var options = ToOptions(new SessionParameters { Target = "container://my-container" });
        Assert.Equal("my-container", options.ContainerId);
    }

    [Fact]
    public void ServerArguments_SplitOnWhitespace_WhenNotJson()
    {
        Assert.Equal(["-NoLogo", "-s"], ContainerSettings.ParseArguments("  -NoLogo \t -s "));
    }

    [Theory]
    [InlineData("docker.hots", "tcp://x:1", "Unknown container setting 'docker.hots'")]
    [InlineData("docker.tls", "yes", "must be true or false")]
    [InlineData("docker.timeout", "-1", "positive number of seconds")]
    [InlineData("docker.host", "not a uri", "is not a Docker endpoint")]
    [InlineData("server.arguments", "[1, 2", "not a JSON array of strings")]
    public void BadSettings_AreParameterErrors(string key, string value, string expected)
    {
        var ex = Assert.Throws<SessionParameterException>(() => ToOptions(new SessionParameters
        {
            ContainerId = "c",
            ProviderSettings = new Dictionary<string, string> { [key] = value },
        }));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunAsAdministrator_IsRootInLinuxContainers_ContainerAdministratorInWindowsOnes()
    {
        var options = new ContainerTransportOptions { ContainerId = "c", RunAsAdministrator = true, ConfigurationName = "X" };
        var linux = ServerExecCommand.Create(options, "linux");
        Assert.Equal("0", linux.User);
        Assert.Equal(["pwsh", "-NoLogo", "-NoProfile", "-s", "-ConfigurationName", "X"], linux.Command);
        Assert.StartsWith(ServerExecCommand.MarkerVariable + "=", linux.Marker, StringComparison.Ordinal);
        Assert.Equal("ContainerAdministrator", ServerExecCommand.Create(options, "windows").User);
        Assert.Equal(string.Empty, ServerExecCommand.Create(options with { RunAsAdministrator = false }, "linux").User);
    }
}
