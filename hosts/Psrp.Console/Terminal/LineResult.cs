namespace Psrp.Cli.Terminal;

/// <summary>How a line read ended.</summary>
internal enum LineStatus
{
    /// <summary>Enter: <see cref="LineResult.Text"/> holds the line.</summary>
    Accepted,

    /// <summary>Ctrl+C: the line was abandoned.</summary>
    Cancelled,

    /// <summary>Ctrl+D on an empty line, or the input closed.</summary>
    EndOfInput,
}

/// <summary>The result of reading a line.</summary>
internal readonly record struct LineResult(LineStatus Status, string Text)
{
    public static LineResult Cancelled => new(LineStatus.Cancelled, string.Empty);

    public static LineResult EndOfInput => new(LineStatus.EndOfInput, string.Empty);
}
