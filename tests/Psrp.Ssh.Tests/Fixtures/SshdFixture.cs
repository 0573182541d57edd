using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Psrp.Providers.Ssh;
using Psrp.Transport;

namespace Psrp.Ssh.Tests.Fixtures;

/// <summary>The tests that need the private sshd share one fixture and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SshdCollection : ICollectionFixture<SshdFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "sshd";
}

/// <summary>
/// A real OpenSSH sshd on 127.0.0.1 with a throwaway configuration (peers.md §2): its own host
/// key, user keys (ed25519 plain and encrypted, RSA PEM plain and encrypted) in its
/// authorized_keys, a local user with a password, and a <c>powershell</c> subsystem that runs
/// PowerShell's own server (the LocalServer built next to the tests, with <c>-sshs</c>). A missing
/// sshd fails the tests (never a skip) with how to install it. Everything is removed on dispose.
/// </summary>
public sealed class SshdFixture : IAsyncLifetime
{
    /// <summary>The local user that signs in with a password (created if missing; needs root).</summary>
    public const string PasswordUser = "psrp-ssh-test";

    /// <summary>The passphrase of the encrypted test keys (not a secret: a throwaway key).</summary>
    public const string KeyPassphrase = "correct horse battery staple";

    private const string SshdPath = "/usr/sbin/sshd";
    private readonly List<SshdServer> _servers = [];

    /// <summary>The temporary folder holding keys, configs, logs.</summary>
    public string Root { get; private set; } = string.Empty;

    /// <summary>The shared server.</summary>
    public SshdServer Server { get; private set; } = null!;

    /// <summary>The host key's public line (<c>ssh-ed25519 AAAA…</c>).</summary>
    public string HostPublicKey { get; private set; } = string.Empty;

    /// <summary>A known_hosts file holding the host key for every server this fixture started.</summary>
    public string KnownHosts => Path.Combine(Root, "known_hosts");

    /// <summary>An unencrypted ed25519 key in OpenSSH format.</summary>
    public string Ed25519Key => Path.Combine(Root, "id_ed25519");

    /// <summary>An ed25519 key encrypted with <see cref="KeyPassphrase"/>.</summary>
    public string EncryptedEd25519Key => Path.Combine(Root, "id_ed25519_enc");

    /// <summary>An unencrypted RSA key in PEM (PKCS#1) format.</summary>
    public string RsaPemKey => Path.Combine(Root, "id_rsa_pem");

    /// <summary>An RSA PEM key encrypted with <see cref="KeyPassphrase"/>.</summary>
    public string EncryptedRsaPemKey => Path.Combine(Root, "id_rsa_pem_enc");

    /// <summary>A key that is not in authorized_keys.</summary>
    public string StrangerKey => Path.Combine(Root, "id_stranger");

    /// <summary>The script sshd runs as the powershell subsystem (also usable as an exec command).</summary>
    public string ServerScript => Path.Combine(Root, "pwsh-sshs");

    /// <summary>The password of <see cref="PasswordUser"/>, new every run.</summary>
    public string Password { get; } = "Pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(9));

    /// <summary>The user the key tests sign in as: whoever runs the tests.</summary>
    public static string KeyUser => Environment.UserName;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        // A missing peer is a failure, never a skip.
        if (!File.Exists(SshdPath) || FindOnPath("ssh-keygen") is null || FindOnPath("ssh") is null)
        {
            throw new InvalidOperationException(
                $"OpenSSH is not installed ({SshdPath}, ssh-keygen and ssh are needed): run scripts/setup.sh, which installs openssh-server and openssh-client.");
        }

        var localServer = Path.Combine(AppContext.BaseDirectory, "localserver", "Psrp.LocalServer.dll");
        if (!File.Exists(localServer))
        {
            throw new InvalidOperationException($"The LocalServer was not built next to the tests: {localServer}");
        }

        Root = Directory.CreateTempSubdirectory("psrp-ssh-").FullName;

        // sshd reads authorized_keys and runs the subsystem as the signed-in user, who may not be us.
        Chmod(Root, 0b111_101_101);
        await Task.WhenAll(
            KeygenAsync("ssh_host_ed25519_key", "-t", "ed25519"),
            KeygenAsync("id_ed25519", "-t", "ed25519"),
            KeygenAsync("id_stranger", "-t", "ed25519"),
            KeygenAsync("id_ed25519_enc", "-t", "ed25519", "-N", KeyPassphrase),
            KeygenAsync("id_rsa_pem", "-t", "rsa", "-b", "2048", "-m", "PEM"),
            KeygenAsync("id_rsa_pem_enc", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", KeyPassphrase));
        HostPublicKey = PublicKeyLine(Path.Combine(Root, "ssh_host_ed25519_key.pub"));
        var authorized = Path.Combine(Root, "authorized_keys");
        await File.WriteAllLinesAsync(authorized, new[] { "id_ed25519", "id_ed25519_enc", "id_rsa_pem", "id_rsa_pem_enc" }
            .Select(k => PublicKeyLine(Path.Combine(Root, k + ".pub"))));
        Chmod(authorized, 0b110_100_100);

        var dotnet = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? self
            : FindOnPath("dotnet") ?? "/usr/bin/dotnet";
        await File.WriteAllTextAsync(ServerScript, $"#!/bin/sh\n# PowerShell's own server in SSH mode: errors go to stdout as __NamedPipeError__ lines.\nexec '{dotnet}' '{localServer}' -sshs -NoLogo \"$@\"\n");
        Chmod(ServerScript, 0b111_101_101);

        await EnsurePasswordUserAsync();
        Directory.CreateDirectory("/run/sshd");
        Server = await StartServerAsync();
    }

    /// <summary>
    /// Starts another sshd on a free port with the same keys and subsystem (e.g. one a test may
    /// kill). <paramref name="overrides"/> come first in the config, so they win (sshd takes the
    /// first value of an option).
    /// </summary>
    public async Task<SshdServer> StartServerAsync(params string[] overrides)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartServerOnFreePortAsync(overrides);
            }
            catch (PortTakenException) when (attempt < 3)
            {
                // The chosen port was taken before sshd bound it; another one will do.
            }
        }
    }

    private async Task<SshdServer> StartServerOnFreePortAsync(string[] overrides)
    {
        var port = FreePort();
        var name = $"sshd-{port}";
        var config = Path.Combine(Root, name + ".conf");
        var lines = new List<string>(overrides)
        {
            $"Port {port}",
            "ListenAddress 127.0.0.1",
            "ListenAddress [::1]",
            $"HostKey {Path.Combine(Root, "ssh_host_ed25519_key")}",
            $"PidFile {Path.Combine(Root, name + ".pid")}",
            $"AuthorizedKeysFile {Path.Combine(Root, "authorized_keys")}",
            "PubkeyAuthentication yes",
            "PasswordAuthentication yes",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin yes",
            "StrictModes no",
            "UsePAM no",
            "LogLevel VERBOSE",
            $"Subsystem powershell {ServerScript}",
            $"Subsystem powershell-alt {ServerScript}",
        };
        await File.WriteAllLinesAsync(config, lines);
        var server = await SshdServer.StartAsync(SshdPath, config, port);
        lock (_servers)
        {
            _servers.Add(server);
        }

        await File.AppendAllTextAsync(KnownHosts, $"[127.0.0.1]:{port},[::1]:{port} {HostPublicKey}\n");
        return server;
    }

    /// <summary>Settings for the in-process provider against <paramref name="server"/> (default: the shared one), trusting only the fixture's known_hosts.</summary>
    public SshConnectionSettings Settings(SshdServer? server = null, string? user = null) => new()
    {
        Host = "127.0.0.1",
        Port = (server ?? Server).Port,
        UserName = user ?? KeyUser,
        UserKnownHostsFiles = [KnownHosts],
        GlobalKnownHostsFiles = [],
        UseDefaultIdentityFiles = false,
        ConnectTimeout = TimeSpan.FromSeconds(15),
    };

    /// <summary>Enter-PSSession-style parameters for <paramref name="server"/>: <c>-HostName user@127.0.0.1:port</c> and the fixture's known_hosts.</summary>
    public SessionParameters Parameters(SshdServer? server = null, string? user = null, IDictionary<string, string>? options = null)
    {
        var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["UserKnownHostsFile"] = KnownHosts,
            ["GlobalKnownHostsFile"] = "none",
        };
        foreach (var (key, value) in options ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return new SessionParameters { HostName = $"{user ?? KeyUser}@127.0.0.1:{(server ?? Server).Port}", Options = all };
    }

    /// <summary>The resolved connect request for <paramref name="parameters"/>.</summary>
    public static TransportConnectRequest Request(SessionParameters parameters) => new(parameters.Resolve().Target, parameters);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        SshdServer[] servers;
        lock (_servers)
        {
            servers = [.. _servers];
        }

        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }

        if (Root.Length > 0)
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static void Chmod(string path, int mode)
    {
        // The fixture runs where sshd does (Linux); the guard only satisfies the platform analyzer.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)mode);
        }
    }

    private static string PublicKeyLine(string path)
    {
        var parts = File.ReadAllText(path).Trim().Split(' ');
        return $"{parts[0]} {parts[1]}";
    }

    private async Task KeygenAsync(string file, params string[] args)
    {
        var all = new List<string> { "-q", "-f", Path.Combine(Root, file), "-C", $"psrp-test-{file}" };
        if (!args.Contains("-N"))
        {
            all.AddRange(["-N", string.Empty]);
        }

        all.AddRange(args);
        await RunAsync("ssh-keygen", all, stdin: null);
    }

    private async Task EnsurePasswordUserAsync()
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException(
                $"The password tests need a local user '{PasswordUser}' with a password, which only root can create and set; run the SSH tests as root (as CI does).");
        }

        if (await RunAsync("id", ["-u", PasswordUser], stdin: null, throwOnFailure: false) != 0)
        {
            await RunAsync("useradd", ["--create-home", "--shell", "/bin/sh", PasswordUser], stdin: null);
        }

        // New password every run: chpasswd reads "user:password" from stdin, never the command line.
        await RunAsync("chpasswd", [], stdin: $"{PasswordUser}:{Password}\n");
    }

    private static async Task<int> RunAsync(string file, IEnumerable<string> args, string? stdin, bool throwOnFailure = true)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (throwOnFailure && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {await error}{await output}");
        }

        return process.ExitCode;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
