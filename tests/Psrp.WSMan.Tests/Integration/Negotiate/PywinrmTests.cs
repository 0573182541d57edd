using System.Diagnostics;
using Psrp.WSMan.Endpoint.Security;

namespace Psrp.WSMan.Tests.Integration.Negotiate;

/// <summary>
/// The endpoint's wire format checked by an independent client: pywinrm (Debian's python3-winrm,
/// which has talked to real Windows for years) authenticates with NTLM (requests-ntlm) or Kerberos
/// (requests-kerberos, with pykerberos's Windows-layout wrap for encryption), sends encrypted
/// Create/Receive/Delete envelopes for a PowerShell shell and decrypts the answers. Our client is
/// tested against the same endpoint in <see cref="NegotiateTests"/>.
/// </summary>
[Collection(RealmCollection.Name)]
public sealed class PywinrmTests(RealmFixture fixture)
{
    [Theory]
    [InlineData("ntlm")]
    [InlineData("kerberos")]
    public void Pywinrm_opens_a_PowerShell_shell_with_encrypted_envelopes(string auth)
    {
        // pywinrm's Kerberos takes the current identity from the ticket cache.
        if (auth == "kerberos")
        {
            fixture.Realm.Kinit();
        }

        var lines = Run(auth, auth == "ntlm" ? $"{TestRealm.NtlmDomain}\\{TestRealm.NtlmUser}" : $"{TestRealm.KerberosUser}@{TestRealm.Name}",
            auth == "ntlm" ? fixture.Realm.NtlmPassword : fixture.Realm.KerberosPassword);
        Assert.True(lines.Length == 3, string.Join("\n", lines));
        Assert.Equal("create ok", lines[0]);

        // SESSION_CAPABILITY, APPLICATION_PRIVATE_DATA, RUNSPACEPOOL_STATE from PowerShell's server.
        Assert.StartsWith("receive ok", lines[1], StringComparison.Ordinal);
        Assert.Contains("00010002", lines[1], StringComparison.Ordinal);
        Assert.Contains("00021009", lines[1], StringComparison.Ordinal);
        Assert.Contains("00021005", lines[1], StringComparison.Ordinal);
        Assert.Equal("delete ok", lines[2]);
    }

    [Fact]
    public void Pywinrm_with_a_wrong_password_is_refused()
    {
        var lines = Run("ntlm", $"{TestRealm.NtlmDomain}\\{TestRealm.NtlmUser}", "not-the-password");
        Assert.StartsWith("error: InvalidCredentialsError", Assert.Single(lines), StringComparison.Ordinal);
    }

    private string[] Run(string auth, string user, string password)
    {
        var endpoint = new UriBuilder(fixture.Endpoint.HttpUri) { Host = "localhost" }.Uri.ToString();
        var script = Path.Combine(AppContext.BaseDirectory, "Python", "pywinrm_session.py");
        var creation = Path.Combine(AppContext.BaseDirectory, "TestData", "golden", "gv1-creation.b64");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, endpoint, auth, user, creation })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in fixture.Realm.ClientEnvironment)
        {
            start.Environment[name] = value;
        }

        // pywinrm's NTLM needs MD4, which OpenSSL 3 keeps in its legacy provider.
        start.Environment["OPENSSL_CONF"] = LegacyOpenSslConfiguration();
        start.Environment["PSRP_TEST_PASSWORD"] = password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "pywinrm did not finish within 60 s");
        Assert.True(process.ExitCode == 0, $"python3 failed ({process.ExitCode}): {error.Result} (needs Debian's python3-winrm, python3-requests-ntlm, python3-requests-kerberos, python3-kerberos; scripts/setup.sh installs them)");
        Assert.DoesNotContain(password, output.Result + error.Result, StringComparison.Ordinal);
        return output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private string LegacyOpenSslConfiguration()
    {
        var path = Path.Combine(fixture.Realm.Directory, "openssl-legacy.cnf");
        File.WriteAllText(path, """
            openssl_conf = openssl_init
            [openssl_init]
            providers = provider_sect
            [provider_sect]
            default = default_sect
            legacy = legacy_sect
            [default_sect]
            activate = 1
            [legacy_sect]
            activate = 1
            """);
        return path;
    }
}
