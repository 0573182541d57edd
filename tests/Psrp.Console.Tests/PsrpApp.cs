using Psrp.Tests.Shared;
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
        var run = await PsrpCli.RunAsync(args, stdin, environment, timeout ?? TimeSpan.FromSeconds(60));
        return new PsrpRun(run.ExitCode, run.Stdout, run.Stderr);
    }
}

/// <summary>What a psrp run produced.</summary>
internal sealed record PsrpRun(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
