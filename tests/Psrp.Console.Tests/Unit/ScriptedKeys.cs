using Psrp.Cli.Terminal;

namespace Psrp.Cli.Tests.Unit;

/// <summary>Keys for the line editor from a script: text as typed characters, plus named keys.</summary>
internal sealed class ScriptedKeys : IKeyReader
{
    private readonly Queue<ConsoleKeyInfo> _keys = new();

    public bool KeyAvailable => _keys.Count > 0;

    public ScriptedKeys Text(string text)
    {
        foreach (var c in text)
        {
            _keys.Enqueue(new ConsoleKeyInfo(c, ConsoleKey.NoName, false, false, false));
        }

        return this;
    }

    public ScriptedKeys Key(ConsoleKey key, bool control = false, char c = '\0')
    {
        _keys.Enqueue(new ConsoleKeyInfo(c, key, false, false, control));
        return this;
    }

    public ScriptedKeys Enter() => Key(ConsoleKey.Enter, c: '\r');

    public ValueTask<ConsoleKeyInfo> ReadKeyAsync(CancellationToken cancellationToken) =>
        _keys.TryDequeue(out var key) ? ValueTask.FromResult(key) : throw new InvalidOperationException("The script ran out of keys.");

    public void DiscardPending() => _keys.Clear();
}
