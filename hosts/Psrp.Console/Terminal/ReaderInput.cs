namespace Psrp.Cli.Terminal;

/// <summary>Lines from redirected input (a script piped into <c>psrp enter</c>): no editing, no echo control.</summary>
internal sealed class ReaderInput : IUserInput
{
    private readonly TextReader _reader;

    public ReaderInput(TextReader reader)
    {
        _reader = reader;
    }

    public bool IsInteractive => false;

    public bool KeyAvailable => false;

    public void DiscardPendingKeys()
    {
    }

    // Lines come from a file or pipe: Ctrl+C arrives as the signal, which the InterruptRelay handles.
    public Task WatchForInterruptAsync(Action onInterrupt, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<LineResult> ReadLineAsync(bool mask, CancellationToken cancellationToken)
    {
        var line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        return line is null ? LineResult.EndOfInput : new LineResult(LineStatus.Accepted, line);
    }

    public async ValueTask<ConsoleKeyInfo> ReadKeyAsync(CancellationToken cancellationToken)
    {
        var buffer = new char[1];
        var read = await _reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new EndOfStreamException("The input ended while the remote command waited for a key.");
        }

        return new ConsoleKeyInfo(buffer[0], ConsoleKey.NoName, shift: false, alt: false, control: false);
    }
}
