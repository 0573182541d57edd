using Psrp.Cli.Terminal;

namespace Psrp.Cli.Tests.Unit;

public class LineEditorTests
{
    private readonly StringWriter _output = new();
    private readonly LineHistory _history = new();

    private Screen NewScreen(int width = 80) => new(_output, ansi: true, color: false, () => width);

    private Task<LineResult> ReadAsync(ScriptedKeys keys, bool mask = false, int width = 80) =>
        new LineEditor(NewScreen(width), keys, _history).ReadLineAsync(mask, CancellationToken.None);

    [Fact]
    public async Task Editing_keys_move_insert_and_delete()
    {
        var keys = new ScriptedKeys()
            .Text("wrld").Key(ConsoleKey.LeftArrow).Key(ConsoleKey.LeftArrow).Key(ConsoleKey.LeftArrow).Text("o")
            .Key(ConsoleKey.Home).Text("hello ").Key(ConsoleKey.End).Text("!!").Key(ConsoleKey.Backspace)
            .Key(ConsoleKey.Home).Key(ConsoleKey.Delete).Text("H")
            .Enter();

        var line = await ReadAsync(keys);

        Assert.Equal(new LineResult(LineStatus.Accepted, "Hello world!"), line);
    }

    [Fact]
    public async Task Control_keys_given_only_as_characters_work_too()
    {
        // Ctrl+A, Ctrl+K, Ctrl+U, Ctrl+W as the raw control characters terminals send; DEL as backspace.
        var keys = new ScriptedKeys().Text("one two three\u0017\u007fx\u0001\u000bkept").Enter();

        Assert.Equal("kept", (await ReadAsync(keys)).Text);
    }

    [Fact]
    public async Task History_is_recalled_with_up_and_down_and_the_draft_comes_back()
    {
        await ReadAsync(new ScriptedKeys().Text("first").Enter());
        await ReadAsync(new ScriptedKeys().Text("second").Enter());

        var recalled = await ReadAsync(new ScriptedKeys().Text("draft").Key(ConsoleKey.UpArrow).Key(ConsoleKey.UpArrow).Enter());
        var draft = await ReadAsync(new ScriptedKeys().Text("draft").Key(ConsoleKey.UpArrow).Key(ConsoleKey.DownArrow).Enter());

        Assert.Equal("first", recalled.Text);
        Assert.Equal("draft", draft.Text);
    }

    [Fact]
    public async Task Ctrl_C_abandons_the_line_and_Ctrl_D_on_an_empty_line_ends_input()
    {
        Assert.Equal(LineStatus.Cancelled, (await ReadAsync(new ScriptedKeys().Text("abc").Key(ConsoleKey.C, control: true, c: '\u0003'))).Status);
        Assert.Equal(LineStatus.EndOfInput, (await ReadAsync(new ScriptedKeys().Key(ConsoleKey.D, control: true, c: '\u0004'))).Status);
        Assert.Equal(0, _history.Count);
        Assert.Contains("^C", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Masked_input_shows_stars_and_stays_out_of_history()
    {
        var line = await ReadAsync(new ScriptedKeys().Text("hunter2").Enter(), mask: true);

        Assert.Equal("hunter2", line.Text);
        Assert.DoesNotContain("hunter2", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("*******", _output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, _history.Count);
    }

    [Fact]
    public async Task The_prompt_already_on_the_line_is_kept_in_front_and_long_lines_scroll()
    {
        var screen = NewScreen(width: 20);
        screen.Write("Name: ");
        var keys = new ScriptedKeys().Text(new string('x', 40)).Enter();

        var line = await new LineEditor(screen, keys, _history).ReadLineAsync(mask: false, CancellationToken.None);

        Assert.Equal(new string('x', 40), line.Text);
        var redraws = _output.ToString().Split('\r');
        Assert.All(redraws.Where(r => r.StartsWith("Name: x", StringComparison.Ordinal)).SkipLast(1), r => Assert.True(r.Length < 20 + 4, r));
    }
}
