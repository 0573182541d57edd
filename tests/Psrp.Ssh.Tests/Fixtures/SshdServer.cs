using System.Diagnostics;
using System.Text;

namespace Psrp.Ssh.Tests.Fixtures;

/// <summary>
/// One sshd in the foreground (<c>-D</c>) logging to stderr (<c>-e</c>), so its connection
/// processes and their PowerShell servers are its descendants and one kill ends them all.
/// </summary>
public sealed class SshdServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SshdServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The port it listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>What sshd logged so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts sshd with <paramref name="config"/> and waits until it listens.</summary>
    public static async Task<SshdServer> StartAsync(string sshd, string config, int port)
    {
        var start = new ProcessStartInfo(sshd)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-D", "-e", "-f", config })
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new SshdServer(process, port);
        process.ErrorDataReceived += (_, e) => server.OnLog(e.Data);
        process.OutputDataReceived += (_, e) => server.OnLog(e.Data);
        process.Exited += (_, _) => server._listening.TrySetException(new InvalidOperationException($"sshd exited at start: {server.Log}"));
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await server._listening.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Kills sshd and everything it started (connections, subsystems), at once.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private void OnLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        // Only the IPv4 listener counts: clients connect to 127.0.0.1. A free port can be taken as a
        // client socket's local port between choosing it and binding it; sshd then listens on ::1 only.
        if (line.Contains($"Server listening on 127.0.0.1 port {Port}", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
        else if (line.Contains("Bind to port", StringComparison.Ordinal) && line.Contains("127.0.0.1", StringComparison.Ordinal))
        {
            _listening.TrySetException(new PortTakenException(line));
        }
    }
}

/// <summary>sshd could not bind its port on 127.0.0.1 (something took it after it was chosen); try another.</summary>
public sealed class PortTakenException(string message) : IOException(message);
