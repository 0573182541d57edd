namespace Psrp.Cli.Terminal;

/// <summary>Where typed lines come from: the line editor on a terminal, or plain lines from redirected input.</summary>
internal interface IUserInput
{
    /// <summary>True when a person is typing (a terminal): prompts make sense and secrets are not echoed.</summary>
    bool IsInteractive { get; }

    /// <summary>Reads a line; <paramref name="mask"/> hides what is typed and keeps it out of history.</summary>
    Task<LineResult> ReadLineAsync(bool mask, CancellationToken cancellationToken);

    /// <summary>Reads one key (the host's ReadKey).</summary>
    ValueTask<ConsoleKeyInfo> ReadKeyAsync(CancellationToken cancellationToken);

    /// <summary>True when a key is waiting.</summary>
    bool KeyAvailable { get; }

    /// <summary>Drops keys typed ahead (the host's FlushInputBuffer).</summary>
    void DiscardPendingKeys();

    /// <summary>
    /// Until cancelled, watches the keyboard while no prompt reads it and calls
    /// <paramref name="onInterrupt"/> for each Ctrl+C; other keys are kept for the next prompt.
    /// </summary>
    Task WatchForInterruptAsync(Action onInterrupt, CancellationToken cancellationToken);
}
