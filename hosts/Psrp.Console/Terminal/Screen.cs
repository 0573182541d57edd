using System.Text;
using Psrp.Serialization;

namespace Psrp.Cli.Terminal;

/// <summary>
/// The interactive console's output: every write goes through here, under one lock, because
/// output, stream records, host calls and progress arrive on different threads. It keeps the live
/// progress lines at the bottom (erased before other text, redrawn after), remembers the text of
/// the current line (so a line editor started after <c>Write("Name: ")</c> knows its prompt), and
/// leaves colour out when the terminal cannot show it.
/// </summary>
internal sealed class Screen
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(50);

    private readonly TextWriter _out;
    private readonly Func<int> _width;
    private readonly object _gate = new();
    private readonly StringBuilder _currentLine = new();
    private readonly ProgressView _progress = new();
    private int _progressLinesDrawn;
    private DateTime _lastProgressDraw;

    /// <summary>Creates a screen over <paramref name="output"/>.</summary>
    /// <param name="output">Where text goes.</param>
    /// <param name="ansi">Whether cursor movement and erasing may be used (a real terminal).</param>
    /// <param name="color">Whether colours may be used.</param>
    /// <param name="width">The current width in columns.</param>
    public Screen(TextWriter output, bool ansi, bool color, Func<int> width)
    {
        _out = output;
        Ansi = ansi;
        Color = color;
        _width = width;
    }

    /// <summary>The process console, with capabilities detected from the environment.</summary>
    public static Screen ForConsole()
    {
        var ansi = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb";
        var color = ansi && Environment.GetEnvironmentVariable("NO_COLOR") is null or "";
        return new Screen(Console.Out, ansi, color, ConsoleWidth);
    }

    /// <summary>The console width, or 120 when there is no console to ask (PowerShell's width for redirected output).</summary>
    public static int ConsoleWidth()
    {
        try
        {
            return Console.IsOutputRedirected || Console.WindowWidth <= 0 ? 120 : Console.WindowWidth;
        }
        catch (IOException)
        {
            return 120;
        }
    }

    /// <summary>True when cursor movement works (a real terminal).</summary>
    public bool Ansi { get; }

    /// <summary>True when colours are shown.</summary>
    public bool Color { get; }

    /// <summary>Columns.</summary>
    public int Width => Math.Max(20, _width());

    /// <summary>The text written since the last newline.</summary>
    public string CurrentLine
    {
        get
        {
            lock (_gate)
            {
                return _currentLine.ToString();
            }
        }
    }

    /// <summary>Writes text, optionally coloured.</summary>
    public void Write(string text, ConsoleColor? foreground = null, ConsoleColor? background = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        lock (_gate)
        {
            EraseProgress();
            var colored = Color && (foreground is not null || background is not null);
            if (colored)
            {
                // Colour per line, so a newline never drags a background colour to the screen's edge.
                var lines = text.Split('\n');
                for (var i = 0; i < lines.Length; i++)
                {
                    if (lines[i].Length > 0)
                    {
                        _out.Write(AnsiCodes.Colors(foreground, background));
                        _out.Write(lines[i]);
                        _out.Write(AnsiCodes.Reset);
                    }

                    if (i < lines.Length - 1)
                    {
                        _out.Write('\n');
                    }
                }
            }
            else
            {
                _out.Write(text);
            }

            Track(text);
            DrawProgress();
            _out.Flush();
        }
    }

    /// <summary>Writes a line, optionally coloured.</summary>
    public void WriteLine(string text = "", ConsoleColor? foreground = null, ConsoleColor? background = null) =>
        Write(text + "\n", foreground, background);

    /// <summary>Ends a partial line, if one is open (before a prompt or an error).</summary>
    public void EnsureLineStart()
    {
        lock (_gate)
        {
            if (_currentLine.Length > 0)
            {
                Write("\n");
            }
        }
    }

    /// <summary>Writes control sequences and text for a line editor that owns the current line; <paramref name="line"/> is what the line now shows.</summary>
    public void Redraw(string sequence, string line)
    {
        lock (_gate)
        {
            _out.Write(sequence);
            _out.Flush();
            _currentLine.Clear().Append(line);
        }
    }

    /// <summary>Shows (or completes) one progress activity.</summary>
    public void ShowProgress(PsProgressRecord record)
    {
        lock (_gate)
        {
            var changed = _progress.Update(record);
            if (!Ansi)
            {
                return;
            }

            var now = DateTime.UtcNow;
            if (!changed && now - _lastProgressDraw < ProgressInterval)
            {
                return;
            }

            EraseProgress();
            DrawProgress();
            _out.Flush();
        }
    }

    /// <summary>Removes every progress line (the pipeline ended).</summary>
    public void ClearProgress()
    {
        lock (_gate)
        {
            _progress.Clear();
            EraseProgress();
            _out.Flush();
        }
    }

    private void Track(string text)
    {
        var newline = text.LastIndexOf('\n');
        if (newline >= 0)
        {
            _currentLine.Clear().Append(text, newline + 1, text.Length - newline - 1);
        }
        else
        {
            _currentLine.Append(text);
        }
    }

    private void EraseProgress()
    {
        if (_progressLinesDrawn == 0)
        {
            return;
        }

        _out.Write('\r');
        _out.Write(AnsiCodes.ClearLine);
        for (var i = 1; i < _progressLinesDrawn; i++)
        {
            _out.Write(AnsiCodes.CursorUp);
            _out.Write(AnsiCodes.ClearLine);
        }

        _progressLinesDrawn = 0;
    }

    private void DrawProgress()
    {
        // Progress lives on lines of its own: never in the middle of a partial line of output.
        if (!Ansi || _progress.IsEmpty || _currentLine.Length > 0)
        {
            return;
        }

        var lines = _progress.Render(Width);
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                _out.Write('\n');
            }

            _out.Write(Color ? AnsiCodes.Colors(ConsoleColor.Black, ConsoleColor.Cyan) + lines[i] + AnsiCodes.Reset : lines[i]);
        }

        _progressLinesDrawn = lines.Count;
        _lastProgressDraw = DateTime.UtcNow;
    }
}
