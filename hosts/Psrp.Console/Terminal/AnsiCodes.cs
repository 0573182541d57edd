namespace Psrp.Cli.Terminal;

/// <summary>The few ANSI/VT sequences the console uses; every terminal psrp targets understands them.</summary>
internal static class AnsiCodes
{
    public const string Reset = "\u001b[0m";
    public const string ClearToEndOfLine = "\u001b[K";
    public const string ClearLine = "\u001b[2K";
    public const string CursorUp = "\u001b[1A";

    /// <summary>Moves the cursor right by <paramref name="columns"/> (nothing for 0: <c>ESC[0C</c> moves by one).</summary>
    public static string CursorRight(int columns) => columns > 0 ? $"\u001b[{columns}C" : string.Empty;

    /// <summary>The SGR sequence selecting <paramref name="foreground"/> and <paramref name="background"/>.</summary>
    public static string Colors(ConsoleColor? foreground, ConsoleColor? background)
    {
        var codes = new List<int>(2);
        if (foreground is { } fg)
        {
            codes.Add(ColorCode(fg));
        }

        if (background is { } bg)
        {
            codes.Add(ColorCode(bg) + 10);
        }

        return codes.Count == 0 ? string.Empty : $"\u001b[{string.Join(';', codes)}m";
    }

    private static int ColorCode(ConsoleColor color) => color switch
    {
        ConsoleColor.Black => 30,
        ConsoleColor.DarkRed => 31,
        ConsoleColor.DarkGreen => 32,
        ConsoleColor.DarkYellow => 33,
        ConsoleColor.DarkBlue => 34,
        ConsoleColor.DarkMagenta => 35,
        ConsoleColor.DarkCyan => 36,
        ConsoleColor.Gray => 37,
        ConsoleColor.DarkGray => 90,
        ConsoleColor.Red => 91,
        ConsoleColor.Green => 92,
        ConsoleColor.Yellow => 93,
        ConsoleColor.Blue => 94,
        ConsoleColor.Magenta => 95,
        ConsoleColor.Cyan => 96,
        _ => 97,
    };
}
