using System.Diagnostics;

namespace Psrp.WSMan.Tests.Integration;

/// <summary>
/// The test endpoint as its own process, so a test can kill it outright or give it an environment of
/// its own (native GSSAPI reads KRB5_KTNAME and NTLM_USER_FILE at process start). By default HTTP only
/// with Basic allowed.
/// </summary>
internal sealed class EndpointProcess : IDisposable
{
    public const string UserName = "psrp";

    private readonly Process _process;

    private EndpointProcess(Process process, Uri http, Uri? https, string? caPath)
    {
        _process = process;
        HttpUri = http;
        HttpsUri = https;
        CaPath = caPath;
    }

    public Uri HttpUri { get; }

    public Uri? HttpsUri { get; }

    /// <summary>The endpoint CA's certificate (PEM file) when HTTPS is on.</summary>
    public string? CaPath { get; }

    public static string Password { get; } = "killable-" + Guid.NewGuid().ToString("N")[..8];

    public static Task<EndpointProcess> StartAsync() => StartAsync(["--no-https", "--allow-basic-over-http"], null);

    public static async Task<EndpointProcess> StartAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment)
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
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        string? caPath = null;
        if (!arguments.Contains("--no-https"))
        {
            caPath = Path.Combine(Path.GetTempPath(), $"psrp-endpoint-ca-{Guid.NewGuid():N}.pem");
            start.ArgumentList.Add("--ca-out");
            start.ArgumentList.Add(caPath);
        }

        start.Environment["PSRP_WSMAN_PASSWORD"] = Password;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        try
        {
            Uri? http = null;
            Uri? https = null;
            using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (await process.StandardOutput.ReadLineAsync(ready.Token) is { } line && line != "ready")
            {
                if (line.StartsWith("http=", StringComparison.Ordinal))
                {
                    http = new Uri(line["http=".Length..]);
                }
                else if (line.StartsWith("https=", StringComparison.Ordinal))
                {
                    https = new Uri(line["https=".Length..]);
                }
            }

            Assert.NotNull(http);
            return new EndpointProcess(process, http, https, caPath);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>The endpoint's process id (to freeze it with SIGSTOP).</summary>
    public int ProcessId => _process.Id;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        if (CaPath is not null)
        {
            File.Delete(CaPath);
        }
    }
}
