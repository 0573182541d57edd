using Psrp.LocalServer.Tests.Support;

namespace Psrp.LocalServer.Tests;

/// <summary>The command line as seen from outside: exit codes, where the messages go.</summary>
[Collection(LocalServerCollection.Name)]
public sealed class ServerProcessCommandLineTests
{
    [Fact]
    public async Task An_unknown_switch_exits_with_2_and_prints_the_usage_on_stderr()
    {
        using var server = LocalServerProcess.Start(["-s", "-Bogus"]);

        string stdout = await server.ReadRemainingStdoutAsync();
        await server.CloseInputAndWaitForExitAsync();

        Assert.True(server.ExitCode == 2, $"exit code {server.ExitCode}; stderr: {server.Stderr}");
        Assert.Contains("Unknown switch '-Bogus'.", server.Stderr, StringComparison.Ordinal);
        Assert.Contains("Usage: Psrp.LocalServer", server.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public async Task A_missing_working_directory_exits_with_2_before_the_server_starts()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"psrp-missing-{Guid.NewGuid():N}");
        using var server = LocalServerProcess.Start(["-s", "-WorkingDirectory", missing]);

        string stdout = await server.ReadRemainingStdoutAsync();
        await server.CloseInputAndWaitForExitAsync();

        Assert.True(server.ExitCode == 2, $"exit code {server.ExitCode}; stderr: {server.Stderr}");
        Assert.Contains($"'{missing}' does not exist", server.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public async Task Help_prints_the_usage_on_stdout_and_exits_with_0()
    {
        using var server = LocalServerProcess.Start(["-?"]);

        string stdout = await server.ReadRemainingStdoutAsync();
        await server.CloseInputAndWaitForExitAsync();

        Assert.True(server.ExitCode == 0, $"exit code {server.ExitCode}; stderr: {server.Stderr}");
        Assert.StartsWith("Usage: Psrp.LocalServer", stdout, StringComparison.Ordinal);
    }
}
