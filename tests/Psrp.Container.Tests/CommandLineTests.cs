using Psrp.Container.Tests.Fixture;
using Psrp.Tests.Shared;

namespace Psrp.Container.Tests;

/// <summary><c>psrp invoke -ContainerId</c> and <c>psrp enter -ContainerId</c> against the real dockerd, as a user runs them.</summary>
[Collection(DockerCollection.Name)]
public class CommandLineTests(DockerEngineFixture docker)
{
    private Dictionary<string, string> Engine() => new() { ["DOCKER_HOST"] = docker.SocketEndpoint.OriginalString };

    [Fact]
    public async Task Invoke_ContainerId_RunsTheScriptInTheContainer()
    {
        var run = await PsrpCli.RunAsync(["invoke", "-ContainerId", docker.Main.Name, "-c", "[System.Net.Dns]::GetHostName()"], environment: Engine());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(docker.Main.Id[..12], run.Stdout.Trim());
    }

    [Fact]
    public async Task Enter_ContainerId_RunsCommandsAndExits()
    {
        var run = await PsrpCli.RunAsync(["enter", "-ContainerId", docker.Main.Name], stdin: "6 * 7\nexit\n", environment: Engine());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("42", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_UnknownContainer_FailsClearly()
    {
        var run = await PsrpCli.RunAsync(["invoke", "-ContainerId", "no-such-container", "-c", "1"], environment: Engine());
        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("no-such-container", run.Stderr, StringComparison.Ordinal);
    }
}
