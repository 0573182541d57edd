using System.Diagnostics;
using Psrp.Providers.Ssh;
using Psrp.Providers.Ssh.KnownHosts;
using Psrp.Ssh.Tests.Fixtures;

namespace Psrp.Ssh.Tests;

/// <summary>StrictHostKeyChecking against the real server's key, and known_hosts files OpenSSH itself can read.</summary>
[Collection(SshdCollection.Name)]
public sealed class HostKeyTests(SshdFixture sshd) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("psrp-hostkey-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string HostName => $"[127.0.0.1]:{sshd.Server.Port}";

    [Fact]
    public async Task UnknownHostKey_UnderStrictChecking_IsRefusedWithItsFingerprint()
    {
        var empty = Path.Combine(_dir, "known_hosts");
        var ex = await Assert.ThrowsAsync<SshHostKeyRejectedException>(() =>
            SshConnection.ConnectAsync(Settings(empty)));
        Assert.Equal(HostKeyStatus.Unknown, ex.Status);
        Assert.Equal(HostName, ex.HostName);
        Assert.Equal("ssh-ed25519", ex.KeyType);
        Assert.Equal(await OpenSshFingerprintAsync(), ex.Fingerprint);
        Assert.Contains(ex.Fingerprint, ex.Message, StringComparison.Ordinal);
        Assert.Contains("StrictHostKeyChecking is yes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("accept-new", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(empty), "strict checking must not write known_hosts");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AcceptNew_AddsTheKeyInOpenSshFormat_ThenStrictCheckingAccepts(bool hashed)
    {
        var file = Path.Combine(_dir, "sub", "known_hosts");
        await using (await SshConnection.ConnectAsync(Settings(file) with { StrictHostKeyChecking = StrictHostKeyChecking.AcceptNew, HashKnownHosts = hashed }))
        {
        }

        var line = Assert.Single(await File.ReadAllLinesAsync(file));
        if (hashed)
        {
            Assert.StartsWith("|1|", line, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal($"{HostName} {sshd.HostPublicKey}", line);
        }

        // OpenSSH's own tools find the entry (hashed or not).
        Assert.Contains(sshd.HostPublicKey.Split(' ')[1], await RunAsync("ssh-keygen", "-F", HostName, "-f", file), StringComparison.Ordinal);

        await using var again = await SshConnection.ConnectAsync(Settings(file));
        Assert.True(again.IsConnected);
        Assert.Single(await File.ReadAllLinesAsync(file));
    }

    [Fact]
    public async Task ChangedHostKey_IsRefusedEvenUnderAcceptNew()
    {
        var file = await KnownHostsWithAnImpostorAsync();
        foreach (var policy in new[] { StrictHostKeyChecking.Yes, StrictHostKeyChecking.AcceptNew })
        {
            var ex = await Assert.ThrowsAsync<SshHostKeyRejectedException>(() =>
                SshConnection.ConnectAsync(Settings(file) with { StrictHostKeyChecking = policy }));
            Assert.Equal(HostKeyStatus.Changed, ex.Status);
            Assert.Contains("HAS CHANGED", ex.Message, StringComparison.Ordinal);
            Assert.Contains($"{file}:1", ex.Message, StringComparison.Ordinal);
            Assert.Contains("ssh-keygen -R", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ChangedHostKey_UnderNo_ConnectsWithKeys_ButNeverSendsThePassword()
    {
        var file = await KnownHostsWithAnImpostorAsync();
        await using (var connection = await SshConnection.ConnectAsync(Settings(file) with { StrictHostKeyChecking = StrictHostKeyChecking.No }))
        {
            Assert.True(connection.IsConnected);
        }

        var ex = await Assert.ThrowsAsync<SshAuthenticationFailedException>(() => SshConnection.ConnectAsync(sshd.Settings(user: SshdFixture.PasswordUser) with
        {
            UserKnownHostsFiles = [file],
            StrictHostKeyChecking = StrictHostKeyChecking.No,
            Password = sshd.Password,
        }));
        Assert.DoesNotContain(sshd.Password, ex.Message, StringComparison.Ordinal);
        Assert.Single(await File.ReadAllLinesAsync(file));
    }

    [Fact]
    public async Task RevokedHostKey_IsRefused()
    {
        var file = Path.Combine(_dir, "known_hosts");
        await File.WriteAllTextAsync(file, $"{HostName} {sshd.HostPublicKey}\n@revoked * {sshd.HostPublicKey}\n");
        var ex = await Assert.ThrowsAsync<SshHostKeyRejectedException>(() =>
            SshConnection.ConnectAsync(Settings(file) with { StrictHostKeyChecking = StrictHostKeyChecking.No }));
        Assert.Equal(HostKeyStatus.Revoked, ex.Status);
    }

    [Fact]
    public async Task GlobalKnownHostsFile_IsTrustedToo()
    {
        var global = Path.Combine(_dir, "ssh_known_hosts");
        await File.WriteAllTextAsync(global, $"{HostName} {sshd.HostPublicKey}\n");
        await using var connection = await SshConnection.ConnectAsync(Settings(Path.Combine(_dir, "none")) with { GlobalKnownHostsFiles = [global] });
        Assert.True(connection.IsConnected);
    }

    private SshConnectionSettings Settings(string knownHosts) =>
        sshd.Settings() with { UserKnownHostsFiles = [knownHosts], IdentityFiles = [sshd.Ed25519Key] };

    private async Task<string> KnownHostsWithAnImpostorAsync()
    {
        // A real ed25519 key of the same type that is not the server's.
        var impostor = await File.ReadAllTextAsync(sshd.Ed25519Key + ".pub");
        var parts = impostor.Split(' ');
        var file = Path.Combine(_dir, "known_hosts");
        await File.WriteAllTextAsync(file, $"{HostName} {parts[0]} {parts[1]}\n");
        return file;
    }

    private async Task<string> OpenSshFingerprintAsync()
    {
        // "256 SHA256:xxxx comment (ED25519)"
        var output = await RunAsync("ssh-keygen", "-l", "-f", Path.Combine(sshd.Root, "ssh_host_ed25519_key.pub"));
        return output.Split(' ')[1];
    }

    private static async Task<string> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
