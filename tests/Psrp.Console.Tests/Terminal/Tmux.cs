using System.Diagnostics;
using System.Text;

namespace Psrp.Cli.Tests.Terminal;

/// <summary>
/// A real terminal for tests: a detached tmux session on a private server socket running one
/// command; keys go in with <c>send-keys</c>, the screen comes back with <c>capture-pane</c>. Every
/// wait is bounded; disposing kills the private tmux server and everything in it.
/// </summary>
internal sealed class Tmux : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly string _socket = "psrp-test-" + Guid.NewGuid().ToString("N")[..12];
    private const string Session = "t";

    private Tmux()
    {
    }

    /// <summary>Starts <paramref name="command"/> (a shell command line) in a new terminal of the given size.</summary>
    public static Tmux Start(string command, int width = 120, int height = 40, string? workingDirectory = null)
    {
        // A missing tmux fails the test with the way to get it, never skips it.
        Assert.True(File.Exists("/usr/bin/tmux") || FindOnPath("tmux"), "tmux is not installed: run scripts/setup.sh (apt-get install tmux).");
        var tmux = new Tmux();
        tmux.Run("new-session", "-d", "-s", Session, "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", height.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", workingDirectory ?? Path.GetTempPath(), command);
        tmux.Run("set-option", "-t", Session, "history-limit", "5000");
        return tmux;
    }

    /// <summary>Types literal text (no key names interpreted).</summary>
    public void Type(string text) => Run("send-keys", "-t", Session, "-l", text);

    /// <summary>Sends tmux key names, e.g. <c>Enter</c>, <c>C-c</c>, <c>Up</c>.</summary>
    public void Keys(params string[] keys) => Run(["send-keys", "-t", Session, .. keys]);

    /// <summary>Types a line and presses Enter.</summary>
    public void TypeLine(string text)
    {
        Type(text);
        Keys("Enter");
    }

    /// <summary>The screen and its scrollback, wrapped lines joined.</summary>
    public string Capture() => Run("capture-pane", "-p", "-J", "-t", Session, "-S", "-5000");

    /// <summary>The screen with its colour sequences (tmux re-encodes them as SGR).</summary>
    public string CaptureWithColors() => Run("capture-pane", "-p", "-e", "-J", "-t", Session, "-S", "-5000");

    /// <summary>Waits until the screen satisfies <paramref name="condition"/>; fails with the screen when it does not in time.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = Stopwatch.StartNew();
        var budget = timeout ?? TimeSpan.FromSeconds(30);
        string screen;
        while (true)
        {
            screen = Capture();
            if (condition(screen))
            {
                return screen;
            }

            if (limit.Elapsed > budget)
            {
                Assert.Fail($"Timed out after {budget.TotalSeconds} s waiting for {what}. Screen:\n{screen}");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Waits until <paramref name="text"/> occurs at least <paramref name="count"/> times on screen.</summary>
    public Task<string> WaitForTextAsync(string text, int count = 1, TimeSpan? timeout = null) =>
        WaitForAsync(s => Occurrences(s, text) >= count, $"'{text}' x{count}", timeout);

    public static int Occurrences(string screen, string text)
    {
        var count = 0;
        for (var i = screen.IndexOf(text, StringComparison.Ordinal); i >= 0; i = screen.IndexOf(text, i + text.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    public void Dispose()
    {
        try
        {
            Run("kill-server");
        }
        catch (InvalidOperationException)
        {
            // Already gone (the command ended and took the server with it).
        }
    }

    private string Run(params string[] args)
    {
        var start = new ProcessStartInfo("tmux")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
            throw new InvalidOperationException($"tmux {string.Join(' ', args)} hung.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tmux {string.Join(' ', args)} failed ({process.ExitCode}): {error}");
        }

        return output;
    }

    private static bool FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, name)));
}
