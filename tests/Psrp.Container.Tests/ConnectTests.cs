using Docker.DotNet.Models;
using Psrp.Client;
using Psrp.Container.Tests.Fixture;
using Psrp.Providers.Container;
using Psrp.Transport;

namespace Psrp.Container.Tests;

/// <summary>Resolving the container, choosing the exec's user and command, and the errors of each step.</summary>
[Collection(DockerCollection.Name)]
public class ConnectTests(DockerEngineFixture docker)
{
    [Theory]
    [InlineData("name")]
    [InlineData("short")]
    [InlineData("full")]
    public async Task ContainerId_AcceptsFullIdShortIdOrName(string form)
    {
        var id = form switch { "name" => docker.Main.Name, "short" => docker.Main.Id[..12], _ => docker.Main.Id };
        var (pool, transport) = await docker.OpenAsync(docker.Options(id));
        await using (pool)
        {
            Assert.Equal(docker.Main.Id, transport.ContainerId);
            Assert.Equal(7, (await pool.InvokeScriptAsync("3 + 4")).Single()!.BaseValue);
        }
    }

    [Fact]
    public async Task TheExec_RunsAsTheContainersDefaultUser_OrAsRootWithRunAsAdministrator()
    {
        const string uid = "([System.IO.File]::ReadAllLines('/proc/self/status') | Where-Object { $_ -like 'Uid:*' }).Split([char[]]\"`t \", [System.StringSplitOptions]::RemoveEmptyEntries)[1]";
        var (pool, transport) = await docker.OpenAsync();
        await using (pool)
        {
            Assert.Equal(DockerEngineFixture.DefaultUid, (await pool.InvokeScriptAsync(uid)).Single()!.BaseValue);
            Assert.Contains("the container's default user", transport.CommandDescription, StringComparison.Ordinal);
        }

        var (admin, adminTransport) = await docker.OpenAsync(docker.Options() with { RunAsAdministrator = true });
        await using (admin)
        {
            Assert.Equal("0", (await admin.InvokeScriptAsync(uid)).Single()!.BaseValue);
            Assert.Equal("0", (await docker.Client.Exec.InspectContainerExecAsync(adminTransport.ExecId)).ProcessConfig!.User);
        }

        // An explicit exec user wins.
        var (other, _) = await docker.OpenAsync(docker.Options() with { RunAsAdministrator = true, User = "4242:4242" });
        await using (other)
        {
            Assert.Equal("4242", (await other.InvokeScriptAsync(uid)).Single()!.BaseValue);
        }
    }

    [Fact]
    public async Task TheExec_RunsPwshServerMode_WithTheConfigurationNamePassedThrough()
    {
        await using var transport = await new ContainerTransportProvider().ConnectAsync(docker.Options() with { ConfigurationName = "Restricted.Endpoint" });
        var exec = await docker.Client.Exec.InspectContainerExecAsync(transport.ExecId);
        Assert.Equal("pwsh", exec.ProcessConfig!.Entrypoint);
        Assert.Equal(["-NoLogo", "-NoProfile", "-s", "-ConfigurationName", "Restricted.Endpoint"], exec.ProcessConfig.Arguments);
        Assert.True(exec.OpenStdin);
        Assert.False(exec.ProcessConfig.Tty);
    }

    [Fact]
    public async Task ServerExecutableAndArguments_AreConfigurable()
    {
        var options = docker.Options() with { ServerExecutable = "/usr/bin/env", ServerArguments = ["pwsh", "-s"] };
        var (pool, transport) = await docker.OpenAsync(options);
        await using (pool)
        {
            Assert.Equal("/usr/bin/env pwsh -s as the container's default user", transport.CommandDescription);
            Assert.Equal(1, (await pool.InvokeScriptAsync("1")).Single()!.BaseValue);
        }
    }

    [Fact]
    public async Task UnknownContainer_IsAClearConnectError()
    {
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(async () =>
            await new ContainerTransportProvider().ConnectAsync(docker.Options("no-such-container")));
        Assert.Equal(TransportPhase.Connect, ex.Phase);
        Assert.Equal("container", ex.TransportName);
        Assert.True(ex.Message.Contains("no container 'no-such-container'", StringComparison.Ordinal), ex.Message);
        Assert.True(ex.Message.Contains(docker.SocketEndpoint.OriginalString, StringComparison.Ordinal), ex.Message);
        Assert.True(ex.Message.Contains("docker ps", StringComparison.Ordinal), ex.Message);
    }

    [Fact]
    public async Task StoppedContainer_IsAClearConnectError()
    {
        var created = await docker.CreateContainerAsync("created", start: false);
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(async () =>
            await new ContainerTransportProvider().ConnectAsync(docker.Options(created.Name)));
        Assert.Equal(TransportPhase.Connect, ex.Phase);
        Assert.True(ex.Message.Contains($"({created.Name}, {created.Id[..12]}) is created, not running", StringComparison.Ordinal), ex.Message);
        Assert.True(ex.Message.Contains($"docker start {created.Name}", StringComparison.Ordinal), ex.Message);
    }

    [Fact]
    public async Task MissingServerExecutable_FailsTheOpen_SayingWhatIsMissing()
    {
        var transport = await new ContainerTransportProvider().ConnectAsync(docker.Options() with { ServerExecutable = "pwsh-not-installed" });
        await using (transport)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var ex = await Assert.ThrowsAsync<PsrpTransportException>(() => RunspacePool.OpenAsync(transport));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the failure took {clock.Elapsed}");
            Assert.Equal("container", ex.TransportName);
            Assert.True(ex.Message.Contains("did not start PowerShell's remoting server", StringComparison.Ordinal), ex.Message);
            Assert.True(ex.Message.Contains("\"pwsh-not-installed\": executable file not found", StringComparison.Ordinal), ex.Message);
            Assert.True(ex.Message.Contains("could not run 'pwsh-not-installed'", StringComparison.Ordinal), ex.Message);
        }
    }

    [Fact]
    public async Task UnreachableEngine_IsAClearConnectError()
    {
        var missingSocket = new Uri("unix:///nonexistent/psrp/docker.sock");
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(async () =>
            await new ContainerTransportProvider().ConnectAsync(docker.Options() with { Engine = new DockerEngineOptions { Endpoint = missingSocket } }));
        Assert.Equal(TransportPhase.Connect, ex.Phase);
        Assert.True(ex.Message.Contains("cannot reach the Docker engine at unix:///nonexistent/psrp/docker.sock", StringComparison.Ordinal), ex.Message);
        Assert.True(ex.Message.Contains("DOCKER_HOST", StringComparison.Ordinal), ex.Message);

        // A closed tcp port answers at once, so the error must too.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var tcp = await Assert.ThrowsAsync<PsrpTransportException>(async () =>
            await new ContainerTransportProvider().ConnectAsync(docker.Options() with { Engine = new DockerEngineOptions { Endpoint = new Uri("tcp://127.0.0.1:1") } }));
        Assert.True(tcp.Message.Contains("cannot reach the Docker engine at tcp://127.0.0.1:1", StringComparison.Ordinal), tcp.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the failure took {clock.Elapsed}");
    }

    [Fact]
    public async Task UnsupportedEndpointScheme_IsAClearConnectError()
    {
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(async () =>
            await new ContainerTransportProvider().ConnectAsync(docker.Options() with { Engine = new DockerEngineOptions { Endpoint = new Uri("ssh://user@host") } }));
        Assert.Equal(TransportPhase.Connect, ex.Phase);
        Assert.True(ex.Message.Contains("scheme 'ssh'", StringComparison.Ordinal), ex.Message);
    }

    [Fact]
    public async Task ThroughTheProviderContract_ContainerIdAndSettingsSelectEverything()
    {
        ITransportProvider provider = new ContainerTransportProvider();
        var parameters = new SessionParameters
        {
            ContainerId = docker.Main.Name,
            RunAsAdministrator = true,
            ProviderSettings = new Dictionary<string, string> { [ContainerSettings.Host] = docker.SocketEndpoint.OriginalString },
        };
        var (_, target) = parameters.Resolve();
        Assert.Equal("container", target.Scheme);
        var transport = (ContainerTransport)await provider.ConnectAsync(new TransportConnectRequest(target, parameters), CancellationToken.None);
        await using var pool = await RunspacePool.OpenAsync(transport);
        Assert.Equal(docker.Main.Id, transport.ContainerId);
        Assert.Equal("0", (await docker.Client.Exec.InspectContainerExecAsync(transport.ExecId)).ProcessConfig!.User);
        Assert.Equal(5, (await pool.InvokeScriptAsync("2 + 3")).Single()!.BaseValue);
    }
}
