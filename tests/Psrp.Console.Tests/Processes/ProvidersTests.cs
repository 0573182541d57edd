namespace Psrp.Cli.Tests.Processes;

/// <summary><c>psrp providers</c> as a user runs it.</summary>
public class ProvidersTests
{
    [Fact]
    public async Task Lists_the_built_in_process_provider_its_scheme_and_the_plugin_folders_searched()
    {
        var extra = Path.Combine(Path.GetTempPath(), "psrp-plugins-" + Guid.NewGuid().ToString("N"));

        var run = await PsrpApp.RunAsync(["providers"], environment: new Dictionary<string, string> { ["PSRP_PLUGIN_PATH"] = extra });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(run.StdoutLines, l => l.TrimStart().StartsWith("process", StringComparison.Ordinal) && l.Contains("process:", StringComparison.Ordinal));
        Assert.Contains(run.StdoutLines, l => l.Trim() == Path.Combine(PsrpApp.Directory, "plugins"));
        Assert.Contains(run.StdoutLines, l => l.Trim() == extra);
        Assert.Contains("Plugin load failures:", run.Stdout, StringComparison.Ordinal);
    }
}
