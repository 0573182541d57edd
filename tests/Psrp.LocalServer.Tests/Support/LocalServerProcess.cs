using System.Diagnostics;
using System.Text;

namespace Psrp.LocalServer.Tests.Support;

/// <summary>
/// Psrp.LocalServer running as a child process, spoken to line by line. Every wait has a
/// timeout; failures carry the transcript so far and the server's stderr; disposing kills the
/// process if it still runs.
/// </summary>
internal sealed class LocalServerProcess : IDisposable
{
    /// <summary>Generous: the machines running these tests are small and shared.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _transcript = new();
    private readonly ServerMessageDecoder _decoder = new();
    private readonly Stopwatch _sinceStart;

    private LocalServerProcess(Process process, Stopwatch sinceStart)
    {
        _process = process;
        _sinceStart = sinceStart;
    }

    /// <summary>Psrp.LocalServer.dll, copied next to the tests by the project reference.</summary>
    public static string ServerDllPath => Path.Combine(AppContext.BaseDirectory, "Psrp.LocalServer.dll");

    /// <summary>The apphost executable built beside the dll.</summary>
    public static string AppHostPath => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Psrp.LocalServer.exe" : "Psrp.LocalServer");

    /// <summary>Time since the process was started.</summary>
    public TimeSpan Elapsed => _sinceStart.Elapsed;

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>dotnet Psrp.LocalServer.dll args</c>, or the apphost when <paramref name="useAppHost"/>.</summary>
    public static LocalServerProcess Start(IEnumerable<string> args, bool useAppHost = false, string? workingDirectory = null)
    {
        string target = useAppHost ? AppHostPath : ServerDllPath;
        if (!File.Exists(target))
        {
            throw new FileNotFoundException($"The local server was not built next to the tests: {target} is missing. Build Transport.sln first.", target);
        }

        var startInfo = new ProcessStartInfo(useAppHost ? target : DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        if (!useAppHost)
        {
            startInfo.ArgumentList.Add(target);
        }

        foreach (string arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = startInfo };
        var stopwatch = Stopwatch.StartNew();
        var server = new LocalServerProcess(process, stopwatch);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (server._stderr)
                {
                    server._stderr.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        process.StandardInput.NewLine = "\n";
        return server;
    }

    /// <summary>Writes one line; the framing never allows an empty one.</summary>
    public async Task SendLineAsync(string line)
    {
        _transcript.AppendLine($"-> {Shorten(line)}");
        await _process.StandardInput.WriteAsync(line + "\n").WaitAsync(DefaultTimeout).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().WaitAsync(DefaultTimeout).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the next stdout line, which must be a well-formed packet, and decodes the PSRP
    /// messages completed by it.
    /// </summary>
    public async Task<(OutOfProcPacket Packet, IReadOnlyList<ReceivedMessage> Messages)> ReadPacketAsync() =>
        await TryReadPacketAsync() ?? throw Failure("The server closed stdout.");

    /// <summary>As <see cref="ReadPacketAsync"/>, but <see langword="null"/> at the end of stdout.</summary>
    public async Task<(OutOfProcPacket Packet, IReadOnlyList<ReceivedMessage> Messages)?> TryReadPacketAsync()
    {
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync().WaitAsync(DefaultTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw Failure($"No line from the server within {DefaultTimeout.TotalSeconds:0} s.");
        }

        if (line is null)
        {
            _transcript.AppendLine("<- (end of stdout)");
            return null;
        }

        OutOfProcPacket packet;
        try
        {
            packet = OutOfProcPacket.Parse(line);
        }
        catch (FormatException e)
        {
            throw Failure($"stdout carried something other than a packet: {e.Message}");
        }

        IReadOnlyList<ReceivedMessage> messages = packet.Data is null ? [] : _decoder.Feed(packet.PSGuid, packet.Data);
        _transcript.AppendLine($"<- {packet}{string.Concat(messages.Select(m => $"\n     {m}"))}");
        return (packet, messages);
    }

    /// <summary>Everything left on stdout, up to its end.</summary>
    public async Task<string> ReadRemainingStdoutAsync()
    {
        try
        {
            return await _process.StandardOutput.ReadToEndAsync().WaitAsync(DefaultTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw Failure($"stdout did not end within {DefaultTimeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>Closes stdin and waits for the process to end.</summary>
    public async Task CloseInputAndWaitForExitAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw Failure($"The server did not exit within {DefaultTimeout.TotalSeconds:0} s of its stdin closing.");
        }
    }

    /// <summary>An exception whose message holds what was exchanged so far and the server's stderr.</summary>
    public Exception Failure(string what) =>
        new InvalidOperationException($"{what}\nTranscript:\n{_transcript}\nServer stderr:\n{Stderr}");

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        _process.Dispose();
        _decoder.Dispose();
    }

    /// <summary>The dotnet host running these tests, so the server runs on the same runtime.</summary>
    private static string DotnetHost()
    {
        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath ? hostPath : "dotnet";
    }

    private static string Shorten(string line) => line.Length <= 120 ? line : $"{line[..117]}...";
}
