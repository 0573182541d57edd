using Psrp.Ssh.Tests.Fixtures;
using Psrp.Tests.Shared;

namespace Psrp.Ssh.Tests;

/// <summary><c>psrp invoke -HostName</c> and <c>psrp enter -HostName</c> against the real sshd, as a user runs them.</summary>
[Collection(SshdCollection.Name)]
public class CommandLineTests(SshdFixture sshd)
{
    private string[] Target() =>
    [
        "-HostName", $"{SshdFixture.KeyUser}@127.0.0.1:{sshd.Server.Port}",
        "-KeyFilePath", sshd.Ed25519Key,
        "-Options", $"UserKnownHostsFile={sshd.KnownHosts}",
        "-Options", "GlobalKnownHostsFile=none",
    ];

    [Fact]
    public async Task Invoke_HostName_RunsTheScriptOverSsh()
    {
        var run = await PsrpCli.RunAsync(["invoke", .. Target(), "-c", "1 + 2; $PSVersionTable.PSVersion.ToString()"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["3", "7.6.9"], run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Enter_HostName_RunsCommandsAndExits()
    {
        var run = await PsrpCli.RunAsync(["enter", .. Target()], stdin: "20 + 22\nexit\n");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("42", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_HostName_WithAnUnknownHostKey_FailsClearly()
    {
        var run = await PsrpCli.RunAsync(
        [
            "invoke", "-HostName", $"{SshdFixture.KeyUser}@127.0.0.1:{sshd.Server.Port}", "-KeyFilePath", sshd.Ed25519Key,
            "-Options", "UserKnownHostsFile=/dev/null", "-Options", "GlobalKnownHostsFile=none", "-c", "1",
        ]);
        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("host key", run.Stderr, StringComparison.OrdinalIgnoreCase);
    }
}
