using System.Diagnostics;

namespace Psrp.Benchmarks.EndToEnd;

/// <summary>How the server both clients talk to is started: the LocalServer the build copies to <c>localserver/</c>.</summary>
public static class LocalServerCommand
{
    /// <summary>Path of the LocalServer copied next to the benchmarks by the build.</summary>
    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "localserver", "Psrp.LocalServer.dll");

    /// <summary>pwsh's arguments as Start-Job and PowerShellProcessInstance pass them.</summary>
    public static IReadOnlyList<string> Arguments { get; } = ["-s", "-NoLogo", "-NoProfile"];

    /// <summary>The dotnet host running us (the same runtime then runs the server), else <c>dotnet</c> from PATH.</summary>
    public static string Dotnet { get; } =
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";

    /// <summary>
    /// Starts a LocalServer whose stdin and stdout the caller drives itself (no provider in between); its stderr is
    /// read and dropped so it can never block the server. The caller kills it.
    /// </summary>
    public static Process StartWithPipes()
    {
        EnsureBuilt();
        var start = new ProcessStartInfo(Dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the LocalServer.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Fails with what to do when the LocalServer is not there.</summary>
    public static void EnsureBuilt()
    {
        if (!File.Exists(DllPath))
        {
            throw new FileNotFoundException($"The LocalServer was not built next to the benchmarks (expected {DllPath}); build benchmarks/Psrp.Benchmarks.", DllPath);
        }
    }
}
