using Psrp.Cli.Terminal;
using Psrp.Host;

namespace Psrp.Cli.Host;

/// <summary>
/// The raw console as remote code sees it: sizes from the terminal, colours and title kept here
/// (the title is also sent to the terminal), keys read through the session's input.
/// </summary>
internal sealed class ConsoleRawUI : IPsrpHostRawUI
{
    private readonly Screen _screen;
    private readonly IUserInput _input;
    private string _title = "psrp";

    public ConsoleRawUI(Screen screen, IUserInput input)
    {
        _screen = screen;
        _input = input;
    }

    public ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    public ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    // Asking a Unix terminal for the cursor needs a round trip through its input, which would race
    // the line editor; PowerShell's own code only uses the position to redraw, so the origin is safe.
    public Coordinates CursorPosition { get; set; }

    public Coordinates WindowPosition { get; set; }

    public int CursorSize { get; set; } = 25;

    public Size BufferSize
    {
        get => new(_screen.Width, Height() + 1000);
        set { }
    }

    public Size WindowSize
    {
        get => new(_screen.Width, Height());
        set { }
    }

    public Size MaxWindowSize => WindowSize;

    public Size MaxPhysicalWindowSize => WindowSize;

    public string WindowTitle
    {
        get => _title;
        set
        {
            _title = value;
            if (_screen.Ansi)
            {
                _screen.Redraw($"\u001b]0;{value.Replace('\u0007', ' ').Replace('\u001b', ' ')}\u0007", _screen.CurrentLine);
            }
        }
    }

    public bool KeyAvailable => _input.KeyAvailable;

    public async ValueTask<HostKeyInfo> ReadKeyAsync(int options, CancellationToken cancellationToken)
    {
        var key = await _input.ReadKeyAsync(cancellationToken).ConfigureAwait(false);

        // ReadKeyOptions.NoEcho = 4.
        if ((options & 4) == 0 && !char.IsControl(key.KeyChar))
        {
            _screen.Write(key.KeyChar.ToString());
        }

        var state = (key.Modifiers.HasFlag(ConsoleModifiers.Shift) ? 0x10 : 0)
            | (key.Modifiers.HasFlag(ConsoleModifiers.Control) ? 0x08 : 0)
            | (key.Modifiers.HasFlag(ConsoleModifiers.Alt) ? 0x02 : 0);
        return new HostKeyInfo((int)key.Key, key.KeyChar, state, KeyDown: true);
    }

    public void FlushInputBuffer() => _input.DiscardPendingKeys();

    private static int Height()
    {
        try
        {
            return Console.IsOutputRedirected || Console.WindowHeight <= 0 ? 50 : Console.WindowHeight;
        }
        catch (IOException)
        {
            return 50;
        }
    }
}
