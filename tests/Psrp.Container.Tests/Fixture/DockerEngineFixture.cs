using Docker.DotNet;
using Docker.DotNet.Models;
using Psrp.Client;
using Psrp.Providers.Container;

namespace Psrp.Container.Tests.Fixture;

/// <summary>
/// One private dockerd for the whole test run, with the base image imported and one long-lived
/// container (<see cref="Main"/>) whose default user is uid 1000, so -RunAsAdministrator has
/// something to change. Every piece is torn down in <see cref="DisposeAsync"/>: containers, dockerd,
/// and the temp folder (vfs keeps full copies of every layer).
/// </summary>
public sealed class DockerEngineFixture : IAsyncLifetime
{
    /// <summary>The default user of the test containers (not root).</summary>
    public const string DefaultUid = "1000";

    private readonly List<string> _containers = [];
    private string? _root;
    private Dockerd? _dockerd;
    private DockerClient? _client;
    private TcpToUnixProxy? _proxy;
    private string[] _binds = [];

    /// <summary>The engine, over its unix socket.</summary>
    public DockerClient Client => _client ?? throw new InvalidOperationException("The engine is not started.");

    /// <summary>The engine's unix socket endpoint.</summary>
    public Uri SocketEndpoint => _dockerd!.SocketEndpoint;

    /// <summary>The engine's TLS endpoint (client certificate required).</summary>
    public Uri TlsEndpoint => new($"tcp://127.0.0.1:{_dockerd!.TlsPort}");

    /// <summary>A plain tcp endpoint (a proxy in front of the unix socket).</summary>
    public Uri PlainTcpEndpoint => new($"tcp://127.0.0.1:{_proxy!.Port}");

    /// <summary>Client certificates and CA for <see cref="TlsEndpoint"/>, and an unrelated CA.</summary>
    public TestCertificates Certificates { get; private set; } = null!;

    /// <summary>The shared running container.</summary>
    public TestContainer Main { get; private set; } = null!;

    /// <summary>The engine's recent log, for failure messages.</summary>
    public string EngineLog => _dockerd?.LogTail ?? string.Empty;

    /// <summary>Options for entering <paramref name="container"/> (default: <see cref="Main"/>) over the unix socket.</summary>
    public ContainerTransportOptions Options(string? container = null) => new()
    {
        ContainerId = container ?? Main.Id,
        Engine = new DockerEngineOptions { Endpoint = SocketEndpoint },
    };

    public async Task<(RunspacePool Pool, ContainerTransport Transport)> OpenAsync(ContainerTransportOptions? options = null, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        var transport = await new ContainerTransportProvider().ConnectAsync(options ?? Options(), loggerFactory);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            return (await RunspacePool.OpenAsync(transport, cancellationToken: timeout.Token), transport);
        }
        catch
        {
            await transport.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates (and by default starts) another test container; removed with the fixture.</summary>
    public async Task<TestContainer> CreateContainerAsync(string purpose, bool start = true)
    {
        var name = $"psrp-{purpose}-{Guid.NewGuid():N}"[..Math.Min(60, purpose.Length + 14)];
        var created = await Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = BaseImage.Reference,
            Cmd = ["/bin/sleep", "infinity"],
            User = $"{DefaultUid}:{DefaultUid}",
            Env = ["HOME=/tmp", "POWERSHELL_TELEMETRY_OPTOUT=1", "DOTNET_CLI_TELEMETRY_OPTOUT=1"],
            HostConfig = new HostConfig { NetworkMode = "none", Binds = _binds, Init = false },
        });
        lock (_containers)
        {
            _containers.Add(created.ID);
        }

        if (start)
        {
            await Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        }

        return new TestContainer(created.ID, name);
    }

    /// <summary>Whether the exec is still running, as the engine says.</summary>
    public async Task<bool> ExecRunningAsync(string execId) => (await Client.Exec.InspectContainerExecAsync(execId)).Running;

    async Task IAsyncLifetime.InitializeAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The container tests start a Linux dockerd; run them on Linux.");
        }

        Dockerd.FindExecutable();
        var localServer = Path.Combine(AppContext.BaseDirectory, "localserver");
        if (!File.Exists(Path.Combine(localServer, "Psrp.LocalServer.dll")))
        {
            throw new InvalidOperationException($"The LocalServer was not built next to the tests: {localServer}");
        }

        await TempRoot.RemoveStaleAsync();
        _root = TempRoot.Create();
        Certificates = TestCertificates.Create(Path.Combine(_root, "certs"));
        _dockerd = await Dockerd.StartAsync(_root, Certificates);
        _client = _dockerd.CreateClient();
        _proxy = new TcpToUnixProxy(_dockerd.SocketPath);

        using (var tar = BaseImage.CreateTar())
        {
            await Client.Images.CreateImageAsync(
                new ImagesCreateParameters { FromSrc = "-", Repo = BaseImage.Repository, Tag = BaseImage.Tag },
                tar,
                null,
                new Progress<JSONMessage>());
        }

        _binds = ServerShim.Binds(Path.Combine(_root, "shim"), localServer);
        Main = await CreateContainerAsync("main");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_client is not null)
        {
            foreach (var id in _containers)
            {
                try
                {
                    await _client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true });
                }
                catch (Exception ex) when (ex is DockerApiException or HttpRequestException or IOException)
                {
                }
            }

            _client.Dispose();
        }

        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_dockerd is not null)
        {
            await _dockerd.DisposeAsync();
        }

        if (_root is not null)
        {
            TempRoot.Delete(_root);
        }
    }
}

/// <summary>A container made by the fixture.</summary>
public sealed record TestContainer(string Id, string Name);
