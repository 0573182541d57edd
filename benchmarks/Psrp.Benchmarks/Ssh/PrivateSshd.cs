using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Psrp.Benchmarks.EndToEnd;

namespace Psrp.Benchmarks.Ssh;

/// <summary>
/// A real OpenSSH sshd on 127.0.0.1 for the SSH benchmark, from a throwaway configuration
/// (peers.md §2, as the fixture of tests/Psrp.Ssh.Tests): its own host key, one ed25519 user key in
/// its authorized_keys, key authentication only, and a <c>powershell</c> subsystem that execs
/// PowerShell's own server (the LocalServer next to the benchmarks, <c>-sshs</c>). A known_hosts file
/// holding its host key lets every client check the key strictly without a prompt. sshd runs in the
/// foreground (<c>-D</c>), so its connection processes and their servers are its descendants and one
/// kill ends them all; the folder is deleted on dispose.
/// </summary>
public sealed class PrivateSshd : IAsyncDisposable
{
    private const string SshdPath = "/usr/sbin/sshd";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly StringBuilder _log = new();
    private Process? _process;

    private PrivateSshd(string root, int port)
    {
        Root = root;
        Port = port;
    }

    /// <summary>The temporary folder holding keys, config and scripts.</summary>
    public string Root { get; }

    /// <summary>The port sshd listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>sshd's process id (its descendants are the server side of every connection).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("sshd is not running.");

    /// <summary>The user every client signs in as: whoever runs the benchmark (root here; sshd allows it).</summary>
    public static string UserName => Environment.UserName;

    /// <summary>The private key in authorized_keys (OpenSSH ed25519, no passphrase).</summary>
    public string KeyFile => Path.Combine(Root, "id_ed25519");

    /// <summary>A known_hosts file naming <c>[127.0.0.1]:port</c> with sshd's host key.</summary>
    public string KnownHostsFile => Path.Combine(Root, "known_hosts");

    /// <summary>The script sshd runs as the <c>powershell</c> subsystem.</summary>
    public string SubsystemScript => Path.Combine(Root, "pwsh-sshs");

    /// <summary>
    /// The OpenSSH options every client gets, as <c>-o</c> for the ssh binary and as <c>-Options</c> for the
    /// in-process provider: check the host key strictly against <see cref="KnownHostsFile"/> only, and never prompt.
    /// </summary>
    public IReadOnlyDictionary<string, string> ClientOptions => new Dictionary<string, string>
    {
        ["UserKnownHostsFile"] = KnownHostsFile,
        ["GlobalKnownHostsFile"] = "/dev/null",
        ["StrictHostKeyChecking"] = "yes",
        ["BatchMode"] = "yes",
    };

    /// <summary>What sshd logged so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Makes the keys and config and starts sshd; fails (never skips) with what to install when OpenSSH
    /// or the LocalServer is missing.
    /// </summary>
    public static async Task<PrivateSshd> StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(SshdPath) || FindOnPath("ssh-keygen") is null || FindOnPath("ssh") is null)
        {
            throw new InvalidOperationException(
                $"OpenSSH is not installed ({SshdPath}, ssh-keygen and ssh are needed): run scripts/setup.sh, or apt-get install -y openssh-server openssh-client.");
        }

        LocalServerCommand.EnsureBuilt();
        var root = Directory.CreateTempSubdirectory("psrp-sshbench-").FullName;
        var sshd = new PrivateSshd(root, FreePort());
        try
        {
            await sshd.StartCoreAsync(cancellationToken).ConfigureAwait(false);
            return sshd;
        }
        catch
        {
            await sshd.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Kills sshd and everything it started, and deletes the folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                // Already gone, or stuck: the temp folder goes anyway.
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The private sshd is OpenSSH for Linux or macOS; the SSH benchmark does not run on Windows.");
        }

        // sshd reads authorized_keys and runs the subsystem as the signed-in user.
        File.SetUnixFileMode(Root, (UnixFileMode)0b111_101_101);
        var hostKey = Path.Combine(Root, "ssh_host_ed25519_key");
        await Task.WhenAll(KeygenAsync(hostKey, cancellationToken), KeygenAsync(KeyFile, cancellationToken)).ConfigureAwait(false);
        var authorized = Path.Combine(Root, "authorized_keys");
        await File.WriteAllTextAsync(authorized, PublicKeyLine(KeyFile + ".pub") + "\n", cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(KnownHostsFile, $"[127.0.0.1]:{Port} {PublicKeyLine(hostKey + ".pub")}\n", cancellationToken).ConfigureAwait(false);

        // The same server as the process benchmark, in SSH server mode (as `Subsystem powershell pwsh -sshs` would run it).
        await File.WriteAllTextAsync(SubsystemScript,
            $"#!/bin/sh\nexec '{LocalServerCommand.Dotnet}' '{LocalServerCommand.DllPath}' -sshs -NoLogo \"$@\"\n", cancellationToken).ConfigureAwait(false);
        File.SetUnixFileMode(SubsystemScript, (UnixFileMode)0b111_101_101);

        var config = Path.Combine(Root, "sshd_config");
        await File.WriteAllLinesAsync(config,
        [
            $"Port {Port}",
            "ListenAddress 127.0.0.1",
            $"HostKey {hostKey}",
            $"PidFile {Path.Combine(Root, "sshd.pid")}",
            $"AuthorizedKeysFile {authorized}",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin yes",
            "StrictModes no",
            "UsePAM no",
            "LogLevel INFO",
            $"Subsystem powershell {SubsystemScript}",
        ], cancellationToken).ConfigureAwait(false);

        Directory.CreateDirectory("/run/sshd");
        var start = new ProcessStartInfo(SshdPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-D", "-e", "-f", config })
        {
            start.ArgumentList.Add(arg);
        }

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) => OnLog(e.Data, listening);
        process.OutputDataReceived += (_, e) => OnLog(e.Data, listening);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"sshd exited at start: {Log}"));
        process.Start();
        _process = process;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await listening.Task.WaitAsync(StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new InvalidOperationException($"sshd did not listen on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds:0} s: {Log}", ex);
        }
    }

    private void OnLog(string? line, TaskCompletionSource listening)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            // Keep the start-up lines and the latest ones; one line per connection is logged at INFO.
            if (_log.Length > 64 << 10)
            {
                _log.Remove(0, _log.Length / 2);
            }

            _log.AppendLine(line);
        }

        if (line.Contains("Server listening on", StringComparison.Ordinal))
        {
            listening.TrySetResult();
        }
    }

    private static async Task KeygenAsync(string file, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ssh-keygen")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-q", "-t", "ed25519", "-N", string.Empty, "-C", "psrp-sshbench", "-f", file })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ssh-keygen did not start.");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-keygen failed ({process.ExitCode}) making {file}: {await error.ConfigureAwait(false)}");
        }
    }

    private static string PublicKeyLine(string path)
    {
        var parts = File.ReadAllText(path).Trim().Split(' ');
        return $"{parts[0]} {parts[1]}";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
