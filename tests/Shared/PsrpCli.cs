using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Psrp.Tests.Shared;

/// <summary>
/// Runs the built <c>psrp</c> command (hosts/Psrp.Console's output) as a user would, for the
/// provider test projects' command-line tests. Linked into each of them; every run is bounded.
/// </summary>
internal static class PsrpCli
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    private static string Dll
    {
        get
        {
            var directory = typeof(PsrpCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "PsrpConsoleDirectory").Value!;
            var dll = Path.Combine(directory, "psrp.dll");
            Assert.True(File.Exists(dll), $"psrp was not built: {dll}");
            return dll;
        }
    }

    public static async Task<Run> RunAsync(IEnumerable<string> args, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var dotnet = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        var start = new ProcessStartInfo(dotnet)
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

        // The user's own settings must not leak into a test run; tests pass what they need.
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
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"psrp {string.Join(' ', args)} did not finish in time.\n{await stdout}\n{await stderr}");
        }

        return new Run(process.ExitCode, await stdout, await stderr);
    }
}
