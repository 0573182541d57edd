using System.Diagnostics;

namespace Psrp.WSMan.Tests.Integration;

/// <summary>The test endpoint as its own process (HTTP only, Basic allowed), so a test can kill it outright.</summary>
internal sealed class EndpointProcess : IDisposable
{
    public const string UserName = "psrp";

    private readonly Process _process;

    private EndpointProcess(Process process, Uri http)
    {
        _process = process;
        HttpUri = http;
    }

    public Uri HttpUri { get; }

    public static string Password { get; } = "killable-" + Guid.NewGuid().ToString("N")[..8];

    public static async Task<EndpointProcess> StartAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Psrp.WSMan.Endpoint.dll");
        Assert.True(File.Exists(dll), $"The endpoint executable is missing: {dll}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--no-https");
        start.ArgumentList.Add("--allow-basic-over-http");
        start.Environment["PSRP_WSMAN_PASSWORD"] = Password;
        var process = Process.Start(start)!;
        try
        {
            Uri? http = null;
            using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (await process.StandardOutput.ReadLineAsync(ready.Token) is { } line && line != "ready")
            {
                if (line.StartsWith("http=", StringComparison.Ordinal))
                {
                    http = new Uri(line["http=".Length..]);
                }
            }

            Assert.NotNull(http);
            return new EndpointProcess(process, http);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
