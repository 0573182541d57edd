namespace Psrp.Cli.Terminal;

/// <summary>Where key presses come from (the console, or a script of keys in tests).</summary>
internal interface IKeyReader
{
    /// <summary>Waits for the next key; cancellable while waiting.</summary>
    ValueTask<ConsoleKeyInfo> ReadKeyAsync(CancellationToken cancellationToken);

    /// <summary>True when a key is waiting.</summary>
    bool KeyAvailable { get; }

    /// <summary>Drops keys typed ahead.</summary>
    void DiscardPending();
}
