using System.Globalization;
using Psrp.Tests.Shared;
using Psrp.WSMan.Endpoint.Security;

namespace Psrp.WSMan.Tests.Integration.Negotiate;

/// <summary>
/// <c>psrp invoke -ComputerName localhost -Credential …</c> as a user types it: PowerShell's Default
/// (Negotiate) over HTTP with encryption, Kerberos and NTLM, the ticket cache, and the errors a user
/// sees when the KDC is unreachable or the password is wrong. psrp runs as its own process with the
/// realm's environment, as a user's shell would give it.
/// </summary>
[Collection(RealmCollection.Name)]
public sealed class NegotiateCommandLineTests(RealmFixture fixture)
{
    [Theory]
    [InlineData("alice@PSRP.TEST", "kerberos")]
    [InlineData("PSRPDOM\\bob", "ntlm")]
    public async Task Invoke_with_ComputerName_and_Credential_reaches_the_host_over_encrypted_HTTP(string user, string which)
    {
        var run = await InvokeAsync(["-Credential", user], which == "kerberos" ? fixture.Realm.KerberosPassword : fixture.Realm.NtlmPassword);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"^7\.\d+\.\d+", run.Stdout.Trim());
    }

    [Fact]
    public async Task Invoke_without_a_credential_uses_the_ticket_cache()
    {
        fixture.Realm.Kinit();
        var run = await InvokeAsync(["-Authentication", "Kerberos"], null);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"^7\.", run.Stdout.Trim());
    }

    [Fact]
    public async Task Without_a_ticket_the_implicit_credential_says_to_run_kinit()
    {
        var run = await InvokeAsync(["-Authentication", "NegotiateWithImplicitCredential"], null, new() { ["KRB5CCNAME"] = "FILE:" + Path.Combine(fixture.Realm.Directory, "no-such-cache") });
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("kinit", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_exits_3_with_a_message_that_names_the_user_and_not_the_password()
    {
        const string wrong = "Not-The-Right-0ne";
        var run = await InvokeAsync(["-Credential", $"{TestRealm.NtlmDomain}\\{TestRealm.NtlmUser}"], wrong);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("refused", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(TestRealm.NtlmUser, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_KDC_is_reported_with_what_to_check()
    {
        // The same realm, its KDC moved to a port nobody listens on.
        var config = Path.Combine(fixture.Realm.Directory, $"krb5-dead-{Guid.NewGuid():N}.conf");
        var text = await File.ReadAllTextAsync(Path.Combine(fixture.Realm.Directory, "krb5.conf"));
        await File.WriteAllTextAsync(config, text.Replace($"127.0.0.1:{fixture.Realm.Port}", "127.0.0.1:9", StringComparison.Ordinal));
        var run = await InvokeAsync(["-Authentication", "Kerberos", "-Credential", "alice@PSRP.TEST"], fixture.Realm.KerberosPassword, new() { ["KRB5_CONFIG"] = config });
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("KDC", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("localhost", run.Stderr, StringComparison.Ordinal);
    }

    private async Task<PsrpCli.Run> InvokeAsync(string[] authentication, string? password, Dictionary<string, string>? overrides = null)
    {
        var environment = new Dictionary<string, string>(fixture.Realm.ClientEnvironment);
        if (password is not null)
        {
            environment["PSRP_PASSWORD"] = password;
        }

        foreach (var (name, value) in overrides ?? [])
        {
            environment[name] = value;
        }

        return await PsrpCli.RunAsync(
            ["invoke", "-ComputerName", "localhost", "-Port", fixture.Endpoint.HttpUri.Port.ToString(CultureInfo.InvariantCulture), .. authentication, "-c", "$PSVersionTable.PSVersion.ToString()"],
            environment: environment,
            timeout: TimeSpan.FromSeconds(90));
    }
}
