using System.Text;
using Psrp.Providers.Ssh;
using Psrp.Ssh.Tests.Fixtures;
using Renci.SshNet;

namespace Psrp.Ssh.Tests;

/// <summary>
/// Guards the one place that reaches SSH.NET internals (SshNetChannel.cs, SSH.NET issue 1714):
/// if an SSH.NET upgrade moves what it uses, these fail loudly, naming the missing member.
/// </summary>
[Collection(SshdCollection.Name)]
public class SshNetChannelSeamTests(SshdFixture sshd)
{
    [Fact]
    public void EveryInternalMemberTheSeamUses_StillExists()
    {
        var error = Record.Exception(SshNetChannel.Verify);
        Assert.True(error is null,
            $"SSH.NET {typeof(SshClient).Assembly.GetName().Version} broke the subsystem-channel seam: {error?.Message}");
    }

    [Fact]
    public async Task ASubsystemChannel_CarriesPowerShellsFirstAnswer()
    {
        // Below the out-of-proc transport: the raw channel, so a failure points at the seam.
        await using var connection = await SshConnection.ConnectAsync(sshd.Settings() with { IdentityFiles = [sshd.Ed25519Key] });
        var stream = new SshChannelStream();
        var channel = SshNetChannel.Create(GetClient(connection), stream);
        stream.Attach(channel);
        await Task.Run(channel.Open);
        Assert.True(channel.IsOpen);
        Assert.True(await Task.Run(() => channel.RequestSubsystem("powershell")), "sshd refused the powershell subsystem");

        // A Close for the pool channel before any Data: the server answers with a CloseAck line.
        await stream.WriteAsync("<Close PSGuid='00000000-0000-0000-0000-000000000000' />\n"u8.ToArray());
        var received = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!received.ToString().Contains("CloseAck", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            Assert.True(read > 0, $"the channel ended before an answer: {received} {stream.Describe()}");
            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        await stream.DisposeAsync();
        Assert.False(channel.IsOpen);
    }

    [Fact]
    public async Task RefusedSubsystem_ReturnsFalse()
    {
        await using var connection = await SshConnection.ConnectAsync(sshd.Settings() with { IdentityFiles = [sshd.Ed25519Key] });
        var stream = new SshChannelStream();
        var channel = SshNetChannel.Create(GetClient(connection), stream);
        stream.Attach(channel);
        await Task.Run(channel.Open);
        Assert.False(await Task.Run(() => channel.RequestSubsystem("no-such-subsystem")));
        await stream.DisposeAsync();
    }

    private static SshClient GetClient(SshConnection connection) =>
        (SshClient)typeof(SshConnection).GetField("_client", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.GetValue(connection)!;
}
