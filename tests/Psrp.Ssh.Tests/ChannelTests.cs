using System.Diagnostics;
using Psrp.Client;
using Psrp.Providers.Ssh;
using Psrp.Ssh.Tests.Fixtures;
using Psrp.Transport;

namespace Psrp.Ssh.Tests;

/// <summary>What runs on the channel: the subsystem, another subsystem, a command (exec), and their failures.</summary>
[Collection(SshdCollection.Name)]
public class ChannelTests(SshdFixture sshd)
{
    [Fact]
    public async Task MissingSubsystem_IsAConnectErrorSayingHowToConfigureIt()
    {
        var parameters = sshd.Parameters() with { KeyFilePath = sshd.Ed25519Key, Subsystem = "no-such-subsystem" };
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(async () =>
            await new SshTransportProvider().ConnectAsync(SshdFixture.Request(parameters), default));
        Assert.Equal(TransportPhase.Connect, ex.Phase);
        Assert.Equal("ssh", ex.TransportName);
        Assert.Contains("refused the SSH subsystem 'no-such-subsystem'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Subsystem no-such-subsystem", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RemoteCommand", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubsystemParameter_SelectsAnotherSubsystem()
    {
        var parameters = sshd.Parameters() with { KeyFilePath = sshd.Ed25519Key, Subsystem = "powershell-alt" };
        await using var transport = (SshTransport)await new SshTransportProvider().ConnectAsync(SshdFixture.Request(parameters), default);
        Assert.Equal("powershell-alt", transport.Target.Subsystem);
        Assert.Equal(1, transport.Connection.OpenTransportCount);
    }

    [Fact]
    public async Task ExecMode_RunsPowerShellAsACommand()
    {
        // For servers without the Subsystem line: an exec channel running `pwsh -sshs -NoLogo` (here the LocalServer script).
        var parameters = sshd.Parameters(options: new Dictionary<string, string> { ["RemoteCommand"] = $"{sshd.ServerScript} -NoProfile" }) with
        {
            KeyFilePath = sshd.Ed25519Key,
        };
        var transport = (SshTransport)await new SshTransportProvider().ConnectAsync(SshdFixture.Request(parameters), default);
        Assert.Null(transport.Target.Subsystem);
        await using var pool = await RunspacePool.OpenAsync(transport);
        Assert.Equal(42, (await pool.InvokeScriptAsync("6 * 7")).Single()!.BaseValue);
    }

    [Fact]
    public async Task ExecOfAMissingCommand_FailsPromptlyWithTheShellsMessageAndExitStatus()
    {
        var parameters = sshd.Parameters(options: new Dictionary<string, string> { ["RemoteCommand"] = "/nonexistent/pwsh -sshs" }) with
        {
            KeyFilePath = sshd.Ed25519Key,
        };
        var transport = await new SshTransportProvider().ConnectAsync(SshdFixture.Request(parameters), default);
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(() => RunspacePool.OpenAsync(transport));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.Contains("/nonexistent/pwsh", ex.Message, StringComparison.Ordinal);
        Assert.Contains("exited with status 127", ex.Message, StringComparison.Ordinal);
    }
}
