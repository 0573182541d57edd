using Psrp.Providers.Process;

namespace Psrp.HyperV.Tests.Fixture;

/// <summary>PowerShell's own server (hosts/Psrp.LocalServer), copied next to the tests by the build.</summary>
internal static class LocalServerPath
{
    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "localserver", "Psrp.LocalServer.dll");

    /// <summary>The command that runs it in stdio server mode (as a broker runs pwsh), with the configuration name when given.</summary>
    public static ServerCommand Command(string? configurationName)
    {
        // The peer must exist: a missing server is a failed test, never a skip.
        Assert.True(File.Exists(DllPath), $"The LocalServer was not built next to the tests: {DllPath}");
        return ServerCommand.Resolve(new ProcessTransportOptions
        {
            FileName = DllPath,
            Arguments = ["-s", "-NoLogo", "-NoProfile"],
            ConfigurationName = configurationName,
        });
    }
}
