using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Docker.DotNet;

namespace Psrp.Container.Tests.Fixture;

/// <summary>
/// A private Docker Engine (peers.md §3): its own data and exec roots, pidfile and unix socket in
/// the fixture's temp folder, vfs storage, no bridge, no iptables; plus a TLS tcp listener on
/// loopback with the test certificates. Missing dockerd is a failure naming scripts/setup.sh.
/// </summary>
internal sealed class Dockerd : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/sbin/dockerd", "/usr/bin/dockerd", "/usr/local/bin/dockerd"];
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private Dockerd(Process process, string root, int tlsPort)
    {
        _process = process;
        Root = root;
        TlsPort = tlsPort;
    }

    public string Root { get; }

    public string SocketPath => Path.Combine(Root, "docker.sock");

    public Uri SocketEndpoint => new("unix://" + SocketPath);

    public int TlsPort { get; }

    public string LogTail
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static string FindExecutable()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "dockerd"));
        return Candidates.Concat(onPath).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "dockerd is not installed, so the container transport cannot be tested against a real engine. " +
                "Run scripts/setup.sh (it installs Debian's docker.io), then run the tests again.");
    }

    public static async Task<Dockerd> StartAsync(string root, TestCertificates certificates)
    {
        var executable = FindExecutable();
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException("dockerd needs root; run the container tests as root (as CI does).");
        }

        var tlsPort = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            "--data-root", Path.Combine(root, "data"),
            "--exec-root", Path.Combine(root, "exec"),
            "--pidfile", Path.Combine(root, "dockerd.pid"),
            "--host", "unix://" + Path.Combine(root, "docker.sock"),
            "--host", $"tcp://127.0.0.1:{tlsPort}",
            "--tlsverify", "--tlscacert", certificates.ServerCa, "--tlscert", certificates.ServerCert, "--tlskey", certificates.ServerKey,
            "--storage-driver", "vfs",
            "--iptables=false", "--ip-masq=false", "--bridge=none",
            "--log-level", "warn",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var dockerd = new Dockerd(process, root, tlsPort);
        process.OutputDataReceived += (_, e) => dockerd.Append(e.Data);
        process.ErrorDataReceived += (_, e) => dockerd.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await dockerd.WaitReadyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await dockerd.DisposeAsync();
            throw;
        }

        return dockerd;
    }

    public DockerClient CreateClient() => new DockerClientBuilder().WithEndpoint(SocketEndpoint).Build();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM lets dockerd stop its containerd and unmount; SIGKILL only if it hangs.
            TempRoot.Run("kill", "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
            if (_log.Length > 8192)
            {
                _log.Remove(0, _log.Length - 8192);
            }
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var client = CreateClient();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"dockerd exited at start with code {_process.ExitCode}: {LogTail}");
            }

            if (File.Exists(SocketPath))
            {
                try
                {
                    using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await client.System.PingAsync(attempt.Token);
                    return;
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException or OperationCanceledException or DockerApiException)
                {
                }
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"dockerd did not answer on {SocketPath} within {timeout.TotalSeconds:0} s: {LogTail}");
            }

            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
