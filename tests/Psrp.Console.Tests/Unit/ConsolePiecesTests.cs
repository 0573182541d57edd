using Psrp.Cli.Host;
using Psrp.Cli.Terminal;
using Psrp.Host;
using Psrp.Serialization;

namespace Psrp.Cli.Tests.Unit;

public class ConsolePiecesTests
{
    [Fact]
    public void A_progress_line_shows_activity_bar_percent_and_status_within_the_width()
    {
        var record = new PsProgressRecord { Activity = "Copying", ActivityId = 1, PercentComplete = 50, StatusDescription = "file 3", SecondsRemaining = 9 };

        Assert.Equal("Copying [############............] 50% file 3 (9s left)", ProgressView.RenderLine(record, 200));
        Assert.Equal(30, ProgressView.RenderLine(record, 30).Length);
    }

    [Fact]
    public void Progress_activities_come_and_go_and_a_completed_parent_takes_its_children()
    {
        var view = new ProgressView();
        Assert.True(view.Update(new PsProgressRecord { Activity = "Parent", ActivityId = 1 }));
        Assert.True(view.Update(new PsProgressRecord { Activity = "Child", ActivityId = 2, ParentActivityId = 1 }));
        Assert.False(view.Update(new PsProgressRecord { Activity = "Child", ActivityId = 2, ParentActivityId = 1, PercentComplete = 10 }));
        Assert.Equal(2, view.Render(80).Count);

        Assert.True(view.Update(new PsProgressRecord { ActivityId = 1, RecordType = "Completed" }));
        Assert.True(view.IsEmpty);
    }

    [Fact]
    public void The_screen_erases_progress_before_text_and_draws_it_again_after()
    {
        var output = new StringWriter();
        var screen = new Screen(output, ansi: true, color: false, () => 80);

        screen.ShowProgress(new PsProgressRecord { Activity = "Working", ActivityId = 1, PercentComplete = 10 });
        screen.WriteLine("output line");
        screen.ClearProgress();

        var text = output.ToString();
        var firstBar = text.IndexOf("Working", StringComparison.Ordinal);
        var erase = text.IndexOf("\r\u001b[2K", firstBar, StringComparison.Ordinal);
        var line = text.IndexOf("output line", StringComparison.Ordinal);
        Assert.True(firstBar >= 0 && erase > firstBar && line > erase, text);
        Assert.True(text.IndexOf("Working", line, StringComparison.Ordinal) > line, "the bar is drawn again below the output");
        Assert.EndsWith("\r\u001b[2K", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Choice_menus_read_like_PowerShells_and_take_hot_keys_or_labels()
    {
        var menu = ChoiceMenu.Create([new HostChoiceDescription("&Yes", "Do it"), new HostChoiceDescription("&No", "Don't"), new HostChoiceDescription("Maybe", "")]);

        Assert.Equal("[Y] Yes  [N] No  [Maybe] Maybe  [?] Help (default is \"N\"): ", menu.Line([1]));
        Assert.Equal(0, menu.Find("y"));
        Assert.Equal(1, menu.Find("NO"));
        Assert.Equal(2, menu.Find("maybe"));
        Assert.Null(menu.Find("x"));
    }
}
