using System.Text;

namespace Psrp.Cli.Terminal;

/// <summary>
/// A small single-line editor for the interactive prompt and for host prompts: insert/delete,
/// cursor and word movement, Home/End, Up/Down history, Ctrl+U/K/W kills, Ctrl+C to abandon the
/// line, Ctrl+D on an empty line to end input. Lines longer than the screen scroll horizontally.
/// Whatever text is already on the current line (a prompt) stays in front of the edited text.
/// </summary>
internal sealed class LineEditor
{
    private readonly Screen _screen;
    private readonly IKeyReader _keys;
    private readonly LineHistory _history;

    public LineEditor(Screen screen, IKeyReader keys, LineHistory history)
    {
        _screen = screen;
        _keys = keys;
        _history = history;
    }

    /// <summary>Reads one line. <paramref name="mask"/>: show <c>*</c> per character and keep it out of history.</summary>
    public async Task<LineResult> ReadLineAsync(bool mask, CancellationToken cancellationToken)
    {
        var state = new EditState(_screen.CurrentLine, mask);
        var historyIndex = _history.Count;
        string? draft = null;
        Render(state);
        while (true)
        {
            var key = await _keys.ReadKeyAsync(cancellationToken).ConfigureAwait(false);
            var (consoleKey, control) = Normalize(key);
            switch (consoleKey)
            {
                case ConsoleKey.Enter:
                    var line = state.Text.ToString();
                    if (_screen.Ansi)
                    {
                        // The whole line, not the scrolled window: the terminal wraps it, as the scrollback should keep it.
                        var shown = state.Prompt + (mask ? new string('*', line.Length) : line);
                        _screen.Redraw("\r" + shown + AnsiCodes.ClearToEndOfLine, shown);
                    }

                    _screen.Write("\n");
                    if (!mask)
                    {
                        _history.Add(line);
                    }

                    return new LineResult(LineStatus.Accepted, line);
                case ConsoleKey.C when control:
                    state.Cursor = state.Text.Length;
                    Render(state);
                    _screen.Write("^C\n");
                    return LineResult.Cancelled;
                case ConsoleKey.D when control:
                    if (state.Text.Length == 0)
                    {
                        _screen.Write("\n");
                        return LineResult.EndOfInput;
                    }

                    state.DeleteForward();
                    break;
                case ConsoleKey.Backspace:
                    state.DeleteBack();
                    break;
                case ConsoleKey.Delete:
                    state.DeleteForward();
                    break;
                case ConsoleKey.LeftArrow when control:
                    state.Cursor = state.WordStartBefore(state.Cursor);
                    break;
                case ConsoleKey.RightArrow when control:
                    state.Cursor = state.WordEndAfter(state.Cursor);
                    break;
                case ConsoleKey.LeftArrow:
                case ConsoleKey.B when control:
                    state.Cursor = Math.Max(0, state.Cursor - 1);
                    break;
                case ConsoleKey.RightArrow:
                case ConsoleKey.F when control:
                    state.Cursor = Math.Min(state.Text.Length, state.Cursor + 1);
                    break;
                case ConsoleKey.Home:
                case ConsoleKey.A when control:
                    state.Cursor = 0;
                    break;
                case ConsoleKey.End:
                case ConsoleKey.E when control:
                    state.Cursor = state.Text.Length;
                    break;
                case ConsoleKey.U when control:
                    state.Text.Remove(0, state.Cursor);
                    state.Cursor = 0;
                    break;
                case ConsoleKey.K when control:
                    state.Text.Length = state.Cursor;
                    break;
                case ConsoleKey.W when control:
                    var start = state.WordStartBefore(state.Cursor);
                    state.Text.Remove(start, state.Cursor - start);
                    state.Cursor = start;
                    break;
                case ConsoleKey.Escape:
                    state.Replace(string.Empty);
                    break;
                case ConsoleKey.UpArrow when !mask && historyIndex > 0:
                case ConsoleKey.P when control && !mask && historyIndex > 0:
                    draft ??= state.Text.ToString();
                    historyIndex--;
                    state.Replace(_history[historyIndex]);
                    break;
                case ConsoleKey.DownArrow when !mask && historyIndex < _history.Count:
                case ConsoleKey.N when control && !mask && historyIndex < _history.Count:
                    historyIndex++;
                    state.Replace(historyIndex == _history.Count ? draft ?? string.Empty : _history[historyIndex]);
                    break;
                default:
                    if (!control && !char.IsControl(key.KeyChar))
                    {
                        state.Insert(key.KeyChar);
                    }

                    break;
            }

            Render(state);
        }
    }

    /// <summary>
    /// The key as the switch expects it: terminals report some keys only by their character
    /// (Ctrl+letter as 0x01-0x1A, Backspace as DEL), so those are mapped to key and Control.
    /// </summary>
    private static (ConsoleKey Key, bool Control) Normalize(ConsoleKeyInfo key)
    {
        var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
        return key.KeyChar switch
        {
            '\r' or '\n' => (ConsoleKey.Enter, false),
            '\u0008' or '\u007f' => (ConsoleKey.Backspace, false),
            '\u001b' => (ConsoleKey.Escape, false),
            >= '\u0001' and <= '\u001a' when key.Key is not (ConsoleKey.Tab or ConsoleKey.Enter or ConsoleKey.Backspace) =>
                (ConsoleKey.A + (key.KeyChar - '\u0001'), true),
            _ => (key.Key, control),
        };
    }

    private void Render(EditState state)
    {
        var shown = state.Mask ? new string('*', state.Text.Length) : state.Text.ToString();
        if (!_screen.Ansi)
        {
            // Without cursor control the terminal echoes for us; nothing to draw.
            return;
        }

        var room = Math.Max(10, _screen.Width - 1 - state.Prompt.Length);

        // Scroll just enough to keep the cursor visible.
        if (state.Cursor < state.Scroll)
        {
            state.Scroll = state.Cursor;
        }
        else if (state.Cursor > state.Scroll + room)
        {
            state.Scroll = state.Cursor - room;
        }

        state.Scroll = Math.Min(state.Scroll, Math.Max(0, shown.Length - room));
        var visible = shown.Substring(state.Scroll, Math.Min(room, shown.Length - state.Scroll));
        var line = state.Prompt + visible;
        var sequence = "\r" + line + AnsiCodes.ClearToEndOfLine + "\r" + AnsiCodes.CursorRight(state.Prompt.Length + state.Cursor - state.Scroll);
        _screen.Redraw(sequence, line);
    }

    /// <summary>The line being edited.</summary>
    private sealed class EditState(string prompt, bool mask)
    {
        public string Prompt { get; } = prompt;

        public bool Mask { get; } = mask;

        public StringBuilder Text { get; } = new();

        public int Cursor { get; set; }

        public int Scroll { get; set; }

        public void Insert(char c)
        {
            Text.Insert(Cursor, c);
            Cursor++;
        }

        public void DeleteBack()
        {
            if (Cursor > 0)
            {
                Text.Remove(Cursor - 1, 1);
                Cursor--;
            }
        }

        public void DeleteForward()
        {
            if (Cursor < Text.Length)
            {
                Text.Remove(Cursor, 1);
            }
        }

        public void Replace(string text)
        {
            Text.Clear().Append(text);
            Cursor = text.Length;
        }

        public int WordStartBefore(int position)
        {
            var i = position;
            while (i > 0 && char.IsWhiteSpace(Text[i - 1]))
            {
                i--;
            }

            while (i > 0 && !char.IsWhiteSpace(Text[i - 1]))
            {
                i--;
            }

            return i;
        }

        public int WordEndAfter(int position)
        {
            var i = position;
            while (i < Text.Length && char.IsWhiteSpace(Text[i]))
            {
                i++;
            }

            while (i < Text.Length && !char.IsWhiteSpace(Text[i]))
            {
                i++;
            }

            return i;
        }
    }
}
