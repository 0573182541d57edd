using System.Diagnostics;
using System.Net;

namespace Psrp.WSMan.Endpoint.Tests;

/// <summary>The endpoint as its own process: it prints its URL, serves, and when killed a pending Receive fails at once.</summary>
public sealed class ExecutableTests
{
    [Fact]
    public async Task The_executable_prints_its_URL_serves_and_killing_it_fails_a_pending_Receive_promptly()
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
        start.Environment["PSRP_WSMAN_PASSWORD"] = "exe password";
        using var process = Process.Start(start)!;
        try
        {
            Uri? http = null;
            using (var ready = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                while (await process.StandardOutput.ReadLineAsync(ready.Token) is { } line && line != "ready")
                {
                    Assert.DoesNotContain("exe password", line, StringComparison.Ordinal);
                    if (line.StartsWith("http=", StringComparison.Ordinal))
                    {
                        http = new Uri(line["http=".Length..]);
                    }
                }
            }

            Assert.NotNull(http);
            using var client = new RawWSMan(http, "psrp", "exe password");
            var shellId = Guid.NewGuid().ToString("D").ToUpperInvariant();
            using var psrp = await ShellOperationTests.OpenAsync(client, shellId);

            var pending = client.ReceiveAsync(shellId, timeout: "PT60S");
            await Task.Delay(500);
            Assert.False(pending.IsCompleted, "The Receive should be waiting for output.");
            var clock = Stopwatch.StartNew();
            process.Kill(entireProcessTree: true);
            var error = await Record.ExceptionAsync(() => pending.WaitAsync(TimeSpan.FromSeconds(10)));
            clock.Stop();
            Assert.IsType<HttpRequestException>(error);
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
