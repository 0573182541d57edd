using System.Collections.Concurrent;

namespace Psrp.Cli.Terminal;

/// <summary>
/// Keys read while a remote command runs (to catch Ctrl+C) are not lost: they wait here and the
/// next prompt gets them first, as type-ahead in any shell.
/// </summary>
internal sealed class TypeAheadKeyReader : IKeyReader
{
    private readonly IKeyReader _inner;
    private readonly ConcurrentQueue<ConsoleKeyInfo> _typedAhead = new();

    public TypeAheadKeyReader(IKeyReader inner)
    {
        _inner = inner;
    }

    public bool KeyAvailable => !_typedAhead.IsEmpty || _inner.KeyAvailable;

    /// <summary>True when the terminal itself has a key (type-ahead not counted).</summary>
    public bool TerminalKeyAvailable => _inner.KeyAvailable;

    public ValueTask<ConsoleKeyInfo> ReadKeyAsync(CancellationToken cancellationToken) =>
        _typedAhead.TryDequeue(out var key) ? ValueTask.FromResult(key) : _inner.ReadKeyAsync(cancellationToken);

    /// <summary>Reads a key straight from the terminal (one is available).</summary>
    public ValueTask<ConsoleKeyInfo> ReadTerminalKeyAsync(CancellationToken cancellationToken) => _inner.ReadKeyAsync(cancellationToken);

    /// <summary>Keeps a key for the next prompt.</summary>
    public void PutBack(ConsoleKeyInfo key) => _typedAhead.Enqueue(key);

    public void DiscardPending()
    {
        _typedAhead.Clear();
        _inner.DiscardPending();
    }
}
