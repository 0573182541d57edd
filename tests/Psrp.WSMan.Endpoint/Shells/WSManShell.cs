using System.Collections.Concurrent;
using Psrp.Fragments;
using Psrp.Providers.Process;
using Psrp.Transport;
using Psrp.WSMan.Endpoint.Soap;

namespace Psrp.WSMan.Endpoint.Shells;

/// <summary>
/// One shell = one runspace pool, relayed the way WinRM's PowerShell plugin relays it: the PSRP
/// fragments of Create, Command and Send go to a real PowerShell server (a LocalServer process
/// speaking the out-of-proc framing on stdio), and what the server sends waits, per channel, for
/// the client's Receive. Create → OpenRunspacePool, Command → CreatePipeline, Send → Send,
/// Signal crtl_c → StopPipeline, other signals → ClosePipeline, Delete → CloseRunspacePool.
/// </summary>
public sealed class WSManShell : IAsyncDisposable
{
    private static readonly TimeSpan ControlTimeout = TimeSpan.FromSeconds(30);

    private readonly ProcessTransport _transport;
    private readonly ShellSettings _settings;
    private readonly ConcurrentDictionary<string, ShellCommand> _commands = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<Guid, ShellCommand> _byPipeline = new();
    private readonly FragmentCutter _poolOutput = new(int.MaxValue);
    private readonly FragmentCutter _poolStdin;
    private readonly FragmentCutter _poolPromptResponse;
    private readonly SemaphoreSlim _poolInputLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _pump = Task.CompletedTask;
    private int _deleted;

    private WSManShell(string shellId, string resourceUri, string owner, ProcessTransport transport, ShellSettings settings)
    {
        ShellId = shellId;
        ResourceUri = resourceUri;
        Owner = owner;
        _transport = transport;
        _settings = settings;
        PoolOutbox = new ChannelOutbox(settings.OutboxCapacity, null, TimeSpan.Zero);
        _poolStdin = new FragmentCutter(settings.MaxFragmentSize);
        _poolPromptResponse = new FragmentCutter(settings.MaxFragmentSize);
    }

    /// <summary>The ShellId (upper case).</summary>
    public string ShellId { get; }

    /// <summary>The resource URI the shell was created on.</summary>
    public string ResourceUri { get; }

    /// <summary>The user who created the shell.</summary>
    public string Owner { get; }

    /// <summary>The id of the PowerShell server process behind the shell.</summary>
    public int ProcessId => _transport.ProcessId;

    /// <summary>Output of the runspace pool channel.</summary>
    public ChannelOutbox PoolOutbox { get; }

    /// <summary>The commands currently known to the shell.</summary>
    public int CommandCount => _commands.Count;

    /// <summary>Starts the server process and opens the pool with the creationXml fragments.</summary>
    public static async Task<WSManShell> CreateAsync(string shellId, string resourceUri, string owner, byte[] creationXml, ShellSettings settings, CancellationToken cancellationToken)
    {
        ProcessTransport transport;
        try
        {
            transport = await new ProcessTransportProvider().ConnectAsync(
                new ProcessTransportOptions
                {
                    FileName = settings.LocalServerPath,
                    Arguments = ["-s", "-NoLogo", "-NoProfile"],
                    AckTimeout = ControlTimeout,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (PsrpTransportException ex)
        {
            throw WSManFaults.PluginFailure($"The PowerShell server for the new shell could not be started: {ex.Message}");
        }

        var shell = new WSManShell(shellId, resourceUri, owner, transport, settings);
        shell._pump = Task.Run(shell.PumpAsync, CancellationToken.None);
        try
        {
            var fragments = Whole(shell._poolStdin, creationXml, "creationXml");

            // The plugin uses the pool's RPID from the messages; the server needs nothing else.
            await transport.OpenRunspacePoolAsync(Guid.Empty, fragments, cancellationToken).ConfigureAwait(false);
            return shell;
        }
        catch (Exception ex) when (ex is PsrpTransportException or ArgumentException)
        {
            await shell.DisposeAsync().ConfigureAwait(false);
            throw WSManFaults.PluginFailure($"The PowerShell server rejected the new shell: {ex.Message}");
        }
        catch
        {
            await shell.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates a command from the first fragments of its CREATE_PIPELINE (<c>rsp:Arguments</c>); returns its CommandId.</summary>
    public async Task<string> CreateCommandAsync(string? commandId, byte[] arguments, CancellationToken cancellationToken)
    {
        ThrowIfDeleted();
        var cutter = new FragmentCutter(_settings.MaxFragmentSize);
        var fragments = Whole(cutter, arguments, "rsp:Arguments");
        var pipelineId = PipelineIdOf(fragments.Span) ?? (Guid.TryParse(commandId, out var parsed)
            ? parsed
            : throw WSManFaults.SchemaValidation("The Command request carries neither a CommandId nor the start of a CREATE_PIPELINE message."));
        var id = (commandId ?? pipelineId.ToString("D")).ToUpperInvariant();
        var command = new ShellCommand(id, pipelineId, _settings);
        if (!_commands.TryAdd(id, command) || !_byPipeline.TryAdd(pipelineId, command))
        {
            _commands.TryRemove(new KeyValuePair<string, ShellCommand>(id, command));
            throw WSManFaults.SchemaValidation($"A command with CommandId {id} already exists in shell {ShellId}.");
        }

        // Bytes of a fragment split across Command and Send continue on the command's stdin.
        if (cutter.HasPartialFragment)
        {
            command.Stdin.Feed(arguments.AsSpan(fragments.Length));
        }

        try
        {
            await _transport.CreatePipelineAsync(pipelineId, fragments, cancellationToken).ConfigureAwait(false);
        }
        catch (PsrpTransportException ex)
        {
            throw WSManFaults.PluginFailure($"The PowerShell server failed to create the command: {ex.Message}");
        }

        return id;
    }

    /// <summary>Relays a Send: <c>stdin</c> or <c>pr</c> bytes for the pool or a command.</summary>
    public async Task SendAsync(string? commandId, string streamName, byte[] data, CancellationToken cancellationToken)
    {
        ThrowIfDeleted();
        var kind = streamName switch
        {
            "stdin" => PsrpStreamKind.Default,
            "pr" => PsrpStreamKind.PromptResponse,
            _ => throw WSManFaults.InvalidInputStream(streamName),
        };

        ShellCommand? command = null;
        if (commandId is not null && !_commands.TryGetValue(commandId, out command))
        {
            throw WSManFaults.UnknownCommand(commandId);
        }

        var gate = command?.InputLock ?? _poolInputLock;
        var cutter = command is null
            ? (kind == PsrpStreamKind.Default ? _poolStdin : _poolPromptResponse)
            : (kind == PsrpStreamKind.Default ? command.Stdin : command.PromptResponse);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var fragments = Whole(cutter, data, "rsp:Stream");
            if (fragments.IsEmpty)
            {
                return;
            }

            await _transport.SendAsync(command?.PipelineId ?? Guid.Empty, kind, fragments, cancellationToken).ConfigureAwait(false);
        }
        catch (PsrpTransportException ex)
        {
            throw WSManFaults.PluginFailure($"The PowerShell server failed to take the input: {ex.Message}");
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Waits for output of the pool (<paramref name="commandId"/> null) or a command.</summary>
    public Task<ReceiveBatch?> ReceiveAsync(string? commandId, int space, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ThrowIfDeleted();
        if (commandId is null)
        {
            return PoolOutbox.TakeAsync(space, timeout, cancellationToken);
        }

        return _commands.TryGetValue(commandId, out var command)
            ? command.Outbox.TakeAsync(space, timeout, cancellationToken)
            : throw WSManFaults.UnknownCommand(commandId);
    }

    /// <summary>
    /// Relays a Signal: PowerShell's <c>powershell/signal/crtl_c</c> stops the pipeline; any other
    /// code closes the command, as the PowerShell plugin treats it.
    /// </summary>
    public async Task SignalAsync(string commandId, string code, CancellationToken cancellationToken)
    {
        ThrowIfDeleted();
        if (!_commands.TryGetValue(commandId, out var command))
        {
            throw WSManFaults.UnknownCommand(commandId);
        }

        try
        {
            if (string.Equals(code, WSManActions.PowerShellStopSignal, StringComparison.Ordinal))
            {
                await _transport.StopPipelineAsync(command.PipelineId, cancellationToken).ConfigureAwait(false);
                return;
            }

            await _transport.ClosePipelineAsync(command.PipelineId, cancellationToken).ConfigureAwait(false);
        }
        catch (PsrpTransportException ex)
        {
            throw WSManFaults.PluginFailure($"The PowerShell server failed to handle the signal: {ex.Message}");
        }

        Forget(command);
        command.Outbox.Complete();
    }

    /// <summary>
    /// Closes every command and the pool on the server, then ends the server process. Receives still
    /// waiting are answered with the unknown-shell fault. Bounded: a server that does not answer is killed.
    /// </summary>
    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _deleted, 1) != 0)
        {
            return;
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(ControlTimeout);
        try
        {
            foreach (var command in _commands.Values)
            {
                // The server acknowledges the pool's Close only after every pipeline is closed.
                await _transport.ClosePipelineAsync(command.PipelineId, bounded.Token).ConfigureAwait(false);
                Forget(command);
            }

            await _transport.CloseRunspacePoolAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PsrpTransportException or OperationCanceledException)
        {
            // The server is ended below either way.
        }

        await DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _deleted, 1);
        var gone = WSManFaults.UnknownShell(ShellId);
        PoolOutbox.Fail(gone);
        foreach (var command in _commands.Values)
        {
            command.Outbox.Fail(gone);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _transport.DisposeAsync().ConfigureAwait(false);
        await _pump.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void Forget(ShellCommand command)
    {
        _commands.TryRemove(new KeyValuePair<string, ShellCommand>(command.CommandId, command));
        _byPipeline.TryRemove(new KeyValuePair<Guid, ShellCommand>(command.PipelineId, command));
    }

    private void ThrowIfDeleted()
    {
        if (Volatile.Read(ref _deleted) != 0)
        {
            throw WSManFaults.UnknownShell(ShellId);
        }
    }

    /// <summary>Routes the server's output to the outbox of its channel until the server ends.</summary>
    private async Task PumpAsync()
    {
        try
        {
            await foreach (var data in _transport.Received.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                if (data.PipelineId == Guid.Empty)
                {
                    foreach (var fragment in _poolOutput.Feed(data.Bytes.Span))
                    {
                        // The plugin sends every runspace pool message with flush.
                        await PoolOutbox.EnqueueAsync(fragment, flush: true, terminal: false, _stopping.Token).ConfigureAwait(false);
                    }

                    continue;
                }

                if (!_byPipeline.TryGetValue(data.PipelineId, out var command))
                {
                    continue;
                }

                foreach (var fragment in command.Output.Feed(data.Bytes.Span))
                {
                    var (flush, terminal) = command.Classifier.Classify(fragment);
                    await command.Outbox.EnqueueAsync(fragment, flush, terminal, _stopping.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is PsrpTransportException or InvalidDataException)
        {
            if (Volatile.Read(ref _deleted) == 0)
            {
                var fault = WSManFaults.PluginFailure($"The PowerShell server behind shell {ShellId} failed: {ex.Message}");
                PoolOutbox.Fail(fault);
                foreach (var command in _commands.Values)
                {
                    command.Outbox.Fail(fault);
                }
            }

            return;
        }

        if (Volatile.Read(ref _deleted) == 0)
        {
            var ended = WSManFaults.PluginFailure($"The PowerShell server behind shell {ShellId} ended.");
            PoolOutbox.Fail(ended);
            foreach (var command in _commands.Values)
            {
                command.Outbox.Fail(ended);
            }
        }
    }

    /// <summary>Feeds <paramref name="data"/> to <paramref name="cutter"/>; returns the whole fragments it completes, concatenated.</summary>
    private static ReadOnlyMemory<byte> Whole(FragmentCutter cutter, byte[] data, string where)
    {
        List<byte[]> fragments;
        try
        {
            fragments = cutter.Feed(data);
        }
        catch (InvalidDataException ex)
        {
            throw WSManFaults.SchemaValidation($"The {where} data is not a PSRP fragment stream: {ex.Message}");
        }

        if (fragments.Count == 1)
        {
            return fragments[0];
        }

        var joined = new byte[fragments.Sum(f => f.Length)];
        var offset = 0;
        foreach (var fragment in fragments)
        {
            fragment.CopyTo(joined, offset);
            offset += fragment.Length;
        }

        return joined;
    }

    /// <summary>The PID of the message that starts in the first fragment, if it starts there.</summary>
    private static Guid? PipelineIdOf(ReadOnlySpan<byte> fragments)
    {
        // Message header: destination (4), type (4), RPID (16), PID (16), in .NET GUID layout.
        const int pipelineIdOffset = 24;
        if (!FragmentHeader.TryRead(fragments, out var header) || !header.IsStart || header.BlobLength < pipelineIdOffset + 16)
        {
            return null;
        }

        return new Guid(fragments.Slice(FragmentHeader.Size + pipelineIdOffset, 16));
    }
}
