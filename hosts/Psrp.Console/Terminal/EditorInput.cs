namespace Psrp.Cli.Terminal;

/// <summary>
/// Typed lines from a terminal through the <see cref="LineEditor"/>. Ctrl+C is read as a key, never
/// as the interrupt signal: the signal would go to the whole process group, and so also kill a
/// local server process started by the session. At a prompt Ctrl+C abandons the line; while a
/// command runs, <see cref="WatchForInterruptAsync"/> turns it into stopping the remote pipeline.
/// </summary>
internal sealed class EditorInput : IUserInput
{
    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(30);

    private readonly LineEditor _editor;
    private readonly TypeAheadKeyReader _keys;
    private readonly SemaphoreSlim _one = new(1, 1);

    public EditorInput(Screen screen, IKeyReader keys, LineHistory history)
    {
        _keys = new TypeAheadKeyReader(keys);
        _editor = new LineEditor(screen, _keys, history);
    }

    public bool IsInteractive => true;

    public bool KeyAvailable => _keys.KeyAvailable;

    public void DiscardPendingKeys() => _keys.DiscardPending();

    public async Task WatchForInterruptAsync(Action onInterrupt, CancellationToken cancellationToken)
    {
        using var mode = ControlCAsInput.Enable();
        try
        {
            while (true)
            {
                await Task.Delay(WatchInterval, cancellationToken).ConfigureAwait(false);

                // A host prompt owns the keyboard while it reads; look only when nobody does.
                if (!_keys.TerminalKeyAvailable || !await _one.WaitAsync(0, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                try
                {
                    while (_keys.TerminalKeyAvailable)
                    {
                        var key = await _keys.ReadTerminalKeyAsync(cancellationToken).ConfigureAwait(false);
                        if (key.KeyChar == '\u0003' || (key.Key == ConsoleKey.C && key.Modifiers.HasFlag(ConsoleModifiers.Control)))
                        {
                            onInterrupt();
                        }
                        else
                        {
                            _keys.PutBack(key);
                        }
                    }
                }
                finally
                {
                    _one.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The command finished.
        }
    }

    public async Task<LineResult> ReadLineAsync(bool mask, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var mode = ControlCAsInput.Enable();
            return await _editor.ReadLineAsync(mask, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _one.Release();
        }
    }

    public async ValueTask<ConsoleKeyInfo> ReadKeyAsync(CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _keys.ReadKeyAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _one.Release();
        }
    }
}
