using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Psrp.Cli.Tests;

/// <summary>The built <c>psrp</c> app (hosts/Psrp.Console's output, with localserver/ beside it), run as a user runs it.</summary>
internal static class PsrpApp
{
    public static string Directory { get; } = typeof(PsrpApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PsrpConsoleDirectory").Value!;

    public static string Dll
    {
        get
        {
            var dll = Path.Combine(Directory, "psrp.dll");

            // A missing build is a failed test, never a skip.
            Assert.True(File.Exists(dll), $"psrp was not built: {dll}");
            return dll;
        }
    }

    public static string LocalServerDll
    {
        get
        {
            var dll = Path.Combine(Directory, "localserver", "Psrp.LocalServer.dll");
            Assert.True(File.Exists(dll), $"The local endpoint was not copied beside psrp: {dll}");
            return dll;
        }
    }

    /// <summary>
    /// The bundled local endpoint as an explicit target, so tests see the same endpoint (no Out-String,
    /// local formatting) whether or not pwsh is installed.
    /// </summary>
    public static string LocalTarget => "process://" + LocalServerDll;

    /// <summary>Where <c>dotnet</c> is (the one running the tests).</summary>
    public static string DotNet =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";

    /// <summary>Runs psrp with <paramref name="args"/>, <paramref name="stdin"/> piped in (empty when null); bounded by <paramref name="timeout"/>.</summary>
    public static async Task<PsrpRun> RunAsync(string[] args, string? stdin = null, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(DotNet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("PSRP_PASSWORD");
        start.Environment.Remove("PSRP_PLUGIN_PATH");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"psrp {string.Join(' ', args)} did not finish within {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds} s. stderr: {await stderr}");
        }

        return new PsrpRun(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>What a psrp run produced.</summary>
internal sealed record PsrpRun(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
