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

    /// <summary>Sends <paramref name="signal"/> (<c>-STOP</c>, <c>-CONT</c>) to the server process: a frozen server is one that never answers.</summary>
    public static async Task SignalAsync(int processId, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [signal, processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    public static async Task<(RunspacePool Pool, ProcessTransport Transport)> OpenAsync(RunspacePoolOptions? options = null)
    {
        var transport = await new ProcessTransportProvider().ConnectAsync(TransportOptions);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var pool = await RunspacePool.OpenAsync(transport, options, timeout.Token);
        return (pool, transport);
    }
}
