using Psrp.Tests.Shared;

namespace Psrp.HyperV.Tests.EndToEnd;

/// <summary>
/// <c>psrp</c> with the seed's PowerShell Direct parameters, run as a process. No Hyper-V host is
/// available here, so on this operating system the run must stop at a clear "runs only on windows".
/// </summary>
public class CommandLineTests
{
    [Fact]
    public async Task Providers_ListsHyperVForTheVmScheme()
    {
        var run = await PsrpCli.RunAsync(["providers"], timeout: TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 0, run.ToString());
        var line = Assert.Single(run.Stdout.Split('\n'), l => l.TrimStart().StartsWith("hyperv ", StringComparison.Ordinal));
        Assert.Contains(" vm: ", line, StringComparison.Ordinal);
        Assert.Contains(OperatingSystem.IsWindows() ? "Hyper-V" : "runs on windows", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-VMId", "4a1c2f86-6b0b-4c6a-9d3e-1a2b3c4d5e6f")]
    [InlineData("-VMName", "web01")]
    [InlineData("vm://web01", null)]
    public async Task EnterAndInvoke_WithACredential_ReachTheProvider_WhichRunsOnlyOnWindows(string selector, string? value)
    {
        const string secret = "Hyper-V-Pa55word";
        string[] target = value is null ? [selector] : [selector, value];

        var run = await PsrpCli.RunAsync(
            ["invoke", .. target, "-Credential", @"WORKGROUP\admin", "-c", "1"],
            environment: new Dictionary<string, string> { ["PSRP_PASSWORD"] = secret },
            timeout: TimeSpan.FromSeconds(60));

        Assert.DoesNotContain(secret, run.Stdout + run.Stderr, StringComparison.Ordinal);
        if (OperatingSystem.IsWindows())
        {
            // A Windows machine without that VM: the lookup or the connect fails, still exit code 3.
            Assert.True(run.ExitCode == 3, run.ToString());
            return;
        }

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("hyperv", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("runs only on windows", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutACredential_IsAParameterError()
    {
        var run = await PsrpCli.RunAsync(["invoke", "-VMId", Guid.NewGuid().ToString(), "-c", "1"], timeout: TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("-Credential", run.Stderr, StringComparison.Ordinal);
    }
}
