namespace Psrp.Host;

/// <summary>
/// The raw console of a host (PowerShell's PSHostRawUserInterface), for remote code that reads or
/// sets colours, sizes, the title or single keys. Buffer-content methods are not part of it: they
/// are answered with a "not supported" error, as PowerShell's own client does for GetBufferContents.
/// </summary>
public interface IPsrpHostRawUI
{
    /// <summary>Foreground colour.</summary>
    ConsoleColor ForegroundColor { get; set; }

    /// <summary>Background colour.</summary>
    ConsoleColor BackgroundColor { get; set; }

    /// <summary>Cursor position.</summary>
    Coordinates CursorPosition { get; set; }

    /// <summary>Window position.</summary>
    Coordinates WindowPosition { get; set; }

    /// <summary>Cursor size (percent).</summary>
    int CursorSize { get; set; }

    /// <summary>Buffer size.</summary>
    Size BufferSize { get; set; }

    /// <summary>Window size.</summary>
    Size WindowSize { get; set; }

    /// <summary>Largest window size.</summary>
    Size MaxWindowSize { get; }

    /// <summary>Largest physical window size.</summary>
    Size MaxPhysicalWindowSize { get; }

    /// <summary>Window title.</summary>
    string WindowTitle { get; set; }

    /// <summary>True when a key press is waiting.</summary>
    bool KeyAvailable { get; }

    /// <summary>Reads one key; <paramref name="options"/> are PowerShell's ReadKeyOptions flags.</summary>
    ValueTask<HostKeyInfo> ReadKeyAsync(int options, CancellationToken cancellationToken);

    /// <summary>Discards pending input.</summary>
    void FlushInputBuffer();
}
