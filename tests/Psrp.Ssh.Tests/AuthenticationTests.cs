using Psrp.Client;
using Psrp.Providers.Ssh;
using Psrp.Ssh.Tests.Fixtures;
using Psrp.Transport;

namespace Psrp.Ssh.Tests;

/// <summary>Keys (OpenSSH and PEM, plain and encrypted), passwords and keyboard-interactive against the real sshd.</summary>
[Collection(SshdCollection.Name)]
public class AuthenticationTests(SshdFixture sshd)
{
    public static TheoryData<string, bool> Keys => new()
    {
        { "id_ed25519", false },
        { "id_ed25519_enc", true },
        { "id_rsa_pem", false },
        { "id_rsa_pem_enc", true },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task KeyFile_SignsIn(string key, bool encrypted)
    {
        var settings = sshd.Settings() with
        {
            IdentityFiles = [Path.Combine(sshd.Root, key)],
            KeyPassphrase = encrypted ? SshdFixture.KeyPassphrase : null,
        };
        await using var connection = await SshConnection.ConnectAsync(settings);
        Assert.True(connection.IsConnected);
        Assert.StartsWith("SHA256:", connection.HostKeyFingerprint, StringComparison.Ordinal);
        Assert.Contains("OpenSSH", connection.ServerVersion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyFilePath_AndPassphraseFromCredential_RunAPipeline()
    {
        // -KeyFilePath with an encrypted key: -Credential's password is its passphrase.
        var parameters = sshd.Parameters() with
        {
            KeyFilePath = sshd.EncryptedEd25519Key,
            Credential = new PsrpCredential(SshdFixture.KeyUser, SshdFixture.KeyPassphrase),
        };
        var transport = await new SshTransportProvider().ConnectAsync(SshdFixture.Request(parameters), default);
        await using var pool = await RunspacePool.OpenAsync(transport);
        Assert.Equal(SshdFixture.KeyUser, (await pool.InvokeScriptAsync("[Environment]::UserName")).Single()!.BaseValue);
        Assert.Equal(3, (await pool.InvokeScriptAsync("1 + 2")).Single()!.BaseValue);
    }

    [Fact]
    public async Task EncryptedKeyWithoutPassphrase_SaysSoBeforeConnecting()
    {
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(() =>
            SshConnection.ConnectAsync(sshd.Settings() with { IdentityFiles = [sshd.EncryptedEd25519Key] }));
        Assert.Equal(TransportPhase.Connect, ex.Phase);
        Assert.Contains(sshd.EncryptedEd25519Key, ex.Message, StringComparison.Ordinal);
        Assert.Contains("encrypted", ex.Message, StringComparison.Ordinal);
        Assert.Contains("passphrase", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EncryptedKeyWithWrongPassphrase_IsAClearErrorWithoutThePassphrase()
    {
        const string wrong = "not-the-passphrase";
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(() =>
            SshConnection.ConnectAsync(sshd.Settings() with { IdentityFiles = [sshd.EncryptedRsaPemKey], KeyPassphrase = wrong }));
        Assert.Contains(sshd.EncryptedRsaPemKey, ex.Message, StringComparison.Ordinal);
        Assert.Contains("passphrase", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingKeyFile_IsNamed()
    {
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(() =>
            SshConnection.ConnectAsync(sshd.Settings() with { IdentityFiles = ["/no/such/key"] }));
        Assert.Contains("/no/such/key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_FromCredential_RunsAPipelineAsThatUser()
    {
        var parameters = sshd.Parameters(user: SshdFixture.PasswordUser) with
        {
            Credential = new PsrpCredential(SshdFixture.PasswordUser, sshd.Password),
        };
        var transport = await new SshTransportProvider().ConnectAsync(SshdFixture.Request(parameters), default);
        await using var pool = await RunspacePool.OpenAsync(transport);
        Assert.Equal(SshdFixture.PasswordUser, (await pool.InvokeScriptAsync("[Environment]::UserName")).Single()!.BaseValue);
    }

    [Fact]
    public async Task WrongPassword_IsAnAuthenticationErrorNamingUserAndMethods_NotThePassword()
    {
        const string wrong = "Wrong-Password-123";
        var parameters = sshd.Parameters(user: SshdFixture.PasswordUser) with
        {
            Credential = new PsrpCredential(SshdFixture.PasswordUser, wrong),
        };
        var ex = await Assert.ThrowsAsync<SshAuthenticationFailedException>(async () =>
            await new SshTransportProvider().ConnectAsync(SshdFixture.Request(parameters), default));
        Assert.Equal("ssh", ex.TransportName);
        Assert.Equal(TransportPhase.Connect, ex.Phase);
        Assert.Equal(SshdFixture.PasswordUser, ex.UserName);
        Assert.Contains("password", ex.MethodsTried);
        Assert.Contains($"'{SshdFixture.PasswordUser}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("refused authentication", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordsAndPassphrases_NeverReachTheLog()
    {
        var log = new CapturingLoggerFactory();
        var settings = sshd.Settings(user: SshdFixture.PasswordUser) with { Password = sshd.Password };
        await using (await SshConnection.ConnectAsync(settings, log))
        {
        }

        await Assert.ThrowsAsync<SshAuthenticationFailedException>(() => SshConnection.ConnectAsync(settings with { Password = "Wrong-Password-123" }, log));
        await using (await SshConnection.ConnectAsync(sshd.Settings() with { IdentityFiles = [sshd.EncryptedEd25519Key], KeyPassphrase = SshdFixture.KeyPassphrase }, log))
        {
        }

        Assert.Contains(log.Lines, l => l.Contains("Connected to", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, l => l.Contains(sshd.Password, StringComparison.Ordinal)
            || l.Contains("Wrong-Password-123", StringComparison.Ordinal)
            || l.Contains(SshdFixture.KeyPassphrase, StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeyNotInAuthorizedKeys_IsAnAuthenticationErrorNamingTheKey()
    {
        var ex = await Assert.ThrowsAsync<SshAuthenticationFailedException>(() =>
            SshConnection.ConnectAsync(sshd.Settings() with { IdentityFiles = [sshd.StrangerKey] }));
        Assert.Contains(ex.MethodsTried, m => m.StartsWith("publickey", StringComparison.Ordinal) && m.Contains(sshd.StrangerKey, StringComparison.Ordinal));
        Assert.Contains(sshd.StrangerKey, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyboardInteractive_AnswersThePasswordPrompt()
    {
        // Keyboard-interactive needs PAM on Linux: a second sshd with PAM and without plain passwords.
        await using var pam = await sshd.StartServerAsync("UsePAM yes", "KbdInteractiveAuthentication yes", "PasswordAuthentication no");
        var settings = sshd.Settings(pam, SshdFixture.PasswordUser) with { Password = sshd.Password, PasswordAuthentication = false };
        await using var connection = await SshConnection.ConnectAsync(settings);
        Assert.True(connection.IsConnected);

        var ex = await Assert.ThrowsAsync<SshAuthenticationFailedException>(() =>
            SshConnection.ConnectAsync(settings with { Password = "Wrong-Password-123" }));
        Assert.Contains("keyboard-interactive", ex.MethodsTried);
    }

    [Fact]
    public async Task IPv6Literal_Connects()
    {
        var parameters = new SessionParameters
        {
            HostName = $"{SshdFixture.KeyUser}@[::1]:{sshd.Server.Port}",
            KeyFilePath = sshd.Ed25519Key,
            Options = new Dictionary<string, string> { ["UserKnownHostsFile"] = sshd.KnownHosts, ["GlobalKnownHostsFile"] = "none" },
        };
        var connection = await new SshTransportProvider().OpenConnectionAsync(SshdFixture.Request(parameters));
        await using (connection)
        {
            Assert.Equal("::1", connection.Settings.Host);
            Assert.True(connection.IsConnected);
        }
    }
}
