using Psrp.Client;
using Psrp.Providers.Process;

namespace Psrp.Integration.Tests;

/// <summary>Starts PowerShell's own server (the LocalServer copied next to the tests) and opens pools on it.</summary>
internal static class LocalServer
{
    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "localserver", "Psrp.LocalServer.dll");

    public static ProcessTransportOptions TransportOptions
    {
        get
        {
            // The peer must exist: a missing server is a failed test, never a skip.
            Assert.True(File.Exists(DllPath), $"The LocalServer was not built next to the tests: {DllPath}");
            return new ProcessTransportOptions { FileName = DllPath, Arguments = ["-s", "-NoLogo", "-NoProfile"] };
        }
    }

    public static async Task<(RunspacePool Pool, ProcessTransport Transport)> OpenAsync(RunspacePoolOptions? options = null)
    {
        var transport = await new ProcessTransportProvider().ConnectAsync(TransportOptions);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var pool = await RunspacePool.OpenAsync(transport, options, timeout.Token);
        return (pool, transport);
    }
}
