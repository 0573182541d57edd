using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Psrp.WSMan.Endpoint.Security;

/// <summary>
/// A throwaway Kerberos realm on loopback: a real MIT KDC (<c>krb5kdc</c>) with its own database,
/// a user with a password, the HTTP/WSMAN/host service principals for localhost and 127.0.0.1 in a
/// keytab, and an NTLM user file for gss-ntlmssp. Processes that use it must get <see cref="Environment"/>
/// before they start (native GSSAPI reads these variables once). Needs Debian's krb5-kdc,
/// krb5-admin-server, krb5-user and gss-ntlmssp (<c>scripts/setup.sh</c> installs them); when they are
/// missing <see cref="Start"/> fails and says so — a missing peer is never a skip.
/// </summary>
public sealed class TestRealm : IDisposable
{
    /// <summary>The realm name.</summary>
    public const string Name = "PSRP.TEST";

    /// <summary>The Kerberos user (<c>alice@PSRP.TEST</c>).</summary>
    public const string KerberosUser = "alice";

    /// <summary>The NTLM-only user (not in the KDC), in domain <see cref="NtlmDomain"/>.</summary>
    public const string NtlmUser = "bob";

    /// <summary>The NTLM domain of <see cref="NtlmUser"/>.</summary>
    public const string NtlmDomain = "PSRPDOM";

    /// <summary>The service principals in the keytab.</summary>
    public static readonly IReadOnlyList<string> Services = ["HTTP/localhost", "HTTP/127.0.0.1", "WSMAN/localhost", "host/localhost"];

    private readonly Process? _kdc;

    private TestRealm(string directory, int port, Process? kdc)
    {
        Directory = directory;
        Port = port;
        _kdc = kdc;
        KerberosPassword = "Alice-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
        NtlmPassword = "Bob-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
    }

    /// <summary>The folder holding the configuration, database, keytab and ticket cache.</summary>
    public string Directory { get; }

    /// <summary>The KDC's TCP/UDP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>alice's password.</summary>
    public string KerberosPassword { get; private set; }

    /// <summary>bob's password (NTLM).</summary>
    public string NtlmPassword { get; private set; }

    /// <summary>The ticket cache <c>kinit</c> fills (<c>KRB5CCNAME</c>).</summary>
    public string CredentialCache => Path.Combine(Directory, "ccache");

    /// <summary>The variables a client or server process needs: KRB5_CONFIG, KRB5_KTNAME, NTLM_USER_FILE, KRB5CCNAME.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["KRB5_CONFIG"] = Path.Combine(Directory, "krb5.conf"),
        ["KRB5_KDC_PROFILE"] = Path.Combine(Directory, "kdc.conf"),
        ["KRB5_KTNAME"] = "FILE:" + Path.Combine(Directory, "http.keytab"),
        ["NTLM_USER_FILE"] = Path.Combine(Directory, "ntlm_users"),
        ["KRB5CCNAME"] = "FILE:" + CredentialCache,
    };

    /// <summary>
    /// What a client process gets: the realm's configuration and the ticket cache, nothing of the
    /// server's (no keytab, no NTLM user file, which gss-ntlmssp would otherwise also use as the
    /// client's default credential).
    /// </summary>
    public IReadOnlyDictionary<string, string> ClientEnvironment => new Dictionary<string, string>
    {
        ["KRB5_CONFIG"] = Path.Combine(Directory, "krb5.conf"),
        ["KRB5CCNAME"] = "FILE:" + CredentialCache,
    };

    /// <summary>Creates the realm and starts its KDC.</summary>
    public static TestRealm Start()
    {
        foreach (var tool in new[] { "/usr/sbin/krb5kdc", "/usr/sbin/kdb5_util", "/usr/sbin/kadmin.local", "/usr/bin/kinit" })
        {
            if (!File.Exists(tool))
            {
                throw new InvalidOperationException($"{tool} is missing: install Debian's krb5-kdc krb5-admin-server krb5-user gss-ntlmssp (scripts/setup.sh does).");
            }
        }

        if (!System.IO.Directory.Exists("/etc/gss/mech.d") || !System.IO.Directory.EnumerateFiles("/etc/gss/mech.d").Any(f => f.Contains("ntlmssp", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("gss-ntlmssp is missing (no /etc/gss/mech.d/*ntlmssp*): install Debian's gss-ntlmssp (scripts/setup.sh does).");
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("psrp-realm-").FullName;
        var port = FreePort();
        var realm = new TestRealm(directory, port, null);
        realm.WriteConfiguration();
        realm.Run("/usr/sbin/kdb5_util", "create", "-s", "-r", Name, "-P", Convert.ToHexString(RandomNumberGenerator.GetBytes(12)));
        realm.Run("/usr/sbin/kadmin.local", "-q", $"addprinc -pw {realm.KerberosPassword} {KerberosUser}");
        foreach (var service in Services)
        {
            realm.Run("/usr/sbin/kadmin.local", "-q", $"addprinc -randkey {service}");
        }

        realm.Run("/usr/sbin/kadmin.local", ["-q", $"ktadd -k {Path.Combine(directory, "http.keytab")} {string.Join(' ', Services)}"]);
        File.WriteAllText(Path.Combine(directory, "ntlm_users"), $"{NtlmDomain}:{NtlmUser}:{realm.NtlmPassword}\n");

        var start = realm.StartInfo("/usr/sbin/krb5kdc", "-n", "-P", Path.Combine(directory, "krb5kdc.pid"));
        var kdc = Process.Start(start) ?? throw new InvalidOperationException("krb5kdc did not start.");
        var started = new TestRealm(directory, port, kdc) { KerberosPassword = realm.KerberosPassword, NtlmPassword = realm.NtlmPassword };
        started.WaitForKdc();
        return started;
    }

    /// <summary>Runs <c>kinit</c> for alice into <see cref="CredentialCache"/>.</summary>
    public void Kinit()
    {
        var start = StartInfo("/usr/bin/kinit", $"{KerberosUser}@{Name}");
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        process.StandardInput.WriteLine(KerberosPassword);
        process.StandardInput.Close();
        Finish(process, "kinit");
    }

    /// <summary>Removes the ticket cache (no current identity).</summary>
    public void Kdestroy() => File.Delete(CredentialCache);

    /// <summary>Stops the KDC (to test an unreachable KDC); <see cref="Dispose"/> also stops it.</summary>
    public void StopKdc()
    {
        if (_kdc is { HasExited: false })
        {
            _kdc.Kill();
            _kdc.WaitForExit(5000);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        StopKdc();
        _kdc?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void WriteConfiguration()
    {
        File.WriteAllText(Path.Combine(Directory, "krb5.conf"), $$"""
            [libdefaults]
                default_realm = {{Name}}
                dns_lookup_realm = false
                dns_lookup_kdc = false
                dns_canonicalize_hostname = false
                rdns = false
                ignore_acceptor_hostname = true
                udp_preference_limit = 1
            [realms]
                {{Name}} = {
                    kdc = 127.0.0.1:{{Port}}
                }
            [domain_realm]
                localhost = {{Name}}
                .localhost = {{Name}}
                127.0.0.1 = {{Name}}
            """);
        File.WriteAllText(Path.Combine(Directory, "kdc.conf"), $$"""
            [kdcdefaults]
                kdc_listen = 127.0.0.1:{{Port}}
                kdc_tcp_listen = 127.0.0.1:{{Port}}
            [realms]
                {{Name}} = {
                    database_name = {{Path.Combine(Directory, "principal")}}
                    key_stash_file = {{Path.Combine(Directory, "stash")}}
                    acl_file = {{Path.Combine(Directory, "kadm5.acl")}}
                    supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
                }
            [logging]
                kdc = FILE:{{Path.Combine(Directory, "kdc.log")}}
            """);
        File.WriteAllText(Path.Combine(Directory, "kadm5.acl"), string.Empty);
    }

    private void WaitForKdc()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_kdc!.HasExited)
            {
                throw new InvalidOperationException($"krb5kdc exited with {_kdc.ExitCode}: {_kdc.StandardError.ReadToEnd()}");
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException($"krb5kdc did not listen on 127.0.0.1:{Port} within 20 s.");
    }

    private ProcessStartInfo StartInfo(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private void Run(string file, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(file, arguments))!;
        Finish(process, Path.GetFileName(file));
    }

    private static void Finish(Process process, string name)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            throw new TimeoutException($"{name} did not finish within 30 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{name} failed ({process.ExitCode}): {error.Result}{output.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
