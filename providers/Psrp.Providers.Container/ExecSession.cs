using Psrp.OutOfProc;
using Docker.DotNet;
using Microsoft.Extensions.Logging;

namespace Psrp.Providers.Container;

/// <summary>
/// Owns one running server exec: its hijacked connection, the demultiplexing pump, and the Docker
/// client. Disposed by the out-of-proc transport after it closed the streams (so the server's stdin
/// is already closed): it waits a grace period for the server to exit by itself, kills it with a
/// second exec when it does not, then drops the connection and the client.
/// </summary>
internal sealed class ExecSession : IAsyncDisposable
{
    private static readonly TimeSpan InspectTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ContainerStatePollInterval = TimeSpan.FromMilliseconds(100);
    private const int ContainerStatePolls = 15;

    private readonly DockerEngine _engine;
    private readonly ResolvedContainer _container;
    private readonly ServerExecCommand _command;
    private readonly MultiplexedStream _stream;
    private readonly TimeSpan _grace;
    private readonly ILogger _logger;
    private int _disposed;

    public ExecSession(DockerEngine engine, ResolvedContainer container, string execId, ServerExecCommand command, MultiplexedStream stream, TimeSpan grace, ILogger logger)
    {
        _engine = engine;
        _container = container;
        ExecId = execId;
        _command = command;
        _stream = stream;
        _grace = grace;
        _logger = logger;
        Input = new ExecInputStream(stream);
        Pump = new ExecOutputPump(stream, Stderr, DescribeEndAsync);
    }

    public string ExecId { get; }

    public StderrTail Stderr { get; } = new();

    public ExecOutputPump Pump { get; }

    public ExecInputStream Input { get; }

    /// <summary>For transport errors: how the server ended (when known) and the tail of its stderr.</summary>
    public string Diagnostics()
    {
        var end = Pump.EndDescription;
        var stderr = Stderr.ToString().Trim();
        return end is null ? stderr : stderr.Length == 0 ? end : $"{end} {stderr}";
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!await EndsWithinAsync(_grace).ConfigureAwait(false))
            {
                _logger.Killing(ExecId, _grace.TotalSeconds);
                await KillAsync().ConfigureAwait(false);
                if (!await EndsWithinAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false))
                {
                    _logger.KillFailed(ExecId, "the exec's connection stayed open after the kill");
                }
            }
        }
        finally
        {
            // Ends the pump if it is still reading; the client goes only after the pump's last inspect.
            _stream.Dispose();
            await EndsWithinAsync(InspectTimeout).ConfigureAwait(false);
            _engine.Dispose();
        }
    }

    private async Task<bool> EndsWithinAsync(TimeSpan timeout)
    {
        var pump = Pump.Completion;
        await Task.WhenAny(pump, Task.Delay(timeout)).ConfigureAwait(false);
        return pump.IsCompleted;
    }

    private async Task KillAsync()
    {
        using var timeout = new CancellationTokenSource(KillTimeout);
        try
        {
            var exit = await ExecTerminator.KillAsync(_engine.Client, _container.Id, _container.Platform, ExecId, _command, timeout.Token).ConfigureAwait(false);
            if (exit is not (null or 0))
            {
                _logger.KillFailed(ExecId, $"the kill exec exited with code {exit}");
            }
        }
        catch (DockerApiException ex)
        {
            _logger.KillFailed(ExecId, EngineErrors.Message(ex));
        }
        catch (Exception ex) when (EngineErrors.IsUnreachable(ex, CancellationToken.None) || ex is ObjectDisposedException)
        {
            _logger.KillFailed(ExecId, ex.Message);
        }
    }

    /// <summary>Asks the engine how the exec and its container ended, for the error the transport is about to raise.</summary>
    private async Task<string?> DescribeEndAsync()
    {
        if (Input.Closed)
        {
            // We closed the server's stdin: its end is the expected one, and nobody will read an explanation.
            return null;
        }

        using var timeout = new CancellationTokenSource(InspectTimeout);
        var parts = new List<string>();
        try
        {
            var exec = await _engine.Client.Exec.InspectContainerExecAsync(ExecId, timeout.Token).ConfigureAwait(false);
            if (!exec.Running && exec.ExitCode is { } code)
            {
                parts.Add($"the server process exited with code {code}{ExitHint(code)}");
            }

            // A killed container ends its execs a moment before the engine records its own state.
            for (var attempt = 0; ; attempt++)
            {
                var container = await _engine.Client.Containers.InspectContainerAsync(_container.Id, timeout.Token).ConfigureAwait(false);
                if (container.State is { Running: false } state)
                {
                    parts.Add($"container {_container.Name} is {state.Status} (exit code {state.ExitCode})");
                    break;
                }

                if (attempt == ContainerStatePolls)
                {
                    break;
                }

                await Task.Delay(ContainerStatePollInterval, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (DockerApiException ex) when (EngineErrors.IsNotFound(ex))
        {
            parts.Add($"container {_container.Name} no longer exists");
        }
        catch (Exception ex) when (ex is DockerApiException || EngineErrors.IsUnreachable(ex, CancellationToken.None) || ex is ObjectDisposedException)
        {
            parts.Add($"the Docker engine at {_engine.Display} did not say how the server ended ({ex.GetType().Name})");
        }

        var how = parts.Count == 0 ? null : string.Join("; ", parts) + ".";
        _logger.ExecEnded(ExecId, how ?? "connection closed");
        return how;
    }

    private string ExitHint(long code) => code switch
    {
        126 or 127 => $" (the container could not run '{_command.Command[0]}': install PowerShell there, or set '{ContainerSettings.ServerExecutable}')",
        137 => " (killed)",
        _ => string.Empty,
    };
}
