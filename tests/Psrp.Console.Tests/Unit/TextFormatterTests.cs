using Psrp.Cli.Formatting;
using Psrp.Serialization;

namespace Psrp.Cli.Tests.Unit;

public class TextFormatterTests
{
    private static List<string> FormatAll(int width, params object?[] values)
    {
        var formatter = new TextFormatter(width);
        var lines = new List<string>();
        foreach (var value in values)
        {
            lines.AddRange(formatter.Format(value));
        }

        lines.AddRange(formatter.Flush());
        return lines;
    }

    [Fact]
    public void Primitives_are_their_text_and_null_shows_nothing()
    {
        Assert.Equal(["42", "text", "True", "line1", "line2"], FormatAll(80, 42, new PsObject { BaseValue = "text" }, true, null, "line1\nline2"));
    }

    [Fact]
    public void Objects_of_one_shape_share_a_table_with_numbers_right_aligned()
    {
        var lines = FormatAll(
            80,
            PsObject.CreateCustomObject(("Name", "alpha"), ("Size", 5)),
            PsObject.CreateCustomObject(("Name", "b"), ("Size", 12345)),
            "after");

        Assert.Equal(["", "Name  Size", "----  ----", "alpha     5", "b     12345", "", "after"], lines);
    }

    [Fact]
    public void Objects_with_more_than_four_properties_are_a_list()
    {
        var obj = PsObject.CreateCustomObject(("A", 1), ("Bee", "two"), ("C", null), ("D", new PsList([1, 2, 3, 4, 5])), ("E", "x\ny"));

        Assert.Equal(["", "A   : 1", "Bee : two", "C   : ", "D   : {1, 2, 3, 4…}", "E   : x", "      y", ""], FormatAll(80, obj));
    }

    [Fact]
    public void Hashtables_are_a_name_value_table()
    {
        var table = new PsDictionary();
        table.Add("k", "v");
        table.Add("n", 1);

        Assert.Equal(["", "Name Value", "---- -----", "k    v", "n    1", ""], FormatAll(80, new PsObject(PsTypeNames.Hashtable) { BaseValue = table }));
    }

    [Fact]
    public void Rows_after_the_grouping_window_keep_the_widths_and_are_cut()
    {
        var now = TimeSpan.Zero;
        var formatter = new TextFormatter(80, () => now);

        Assert.Empty(formatter.Format(PsObject.CreateCustomObject(("Name", "a"), ("Size", 1))));
        now = TimeSpan.FromSeconds(1);
        var first = formatter.Format(PsObject.CreateCustomObject(("Name", "bb"), ("Size", 22)));
        var late = formatter.Format(PsObject.CreateCustomObject(("Name", "a-much-longer-name"), ("Size", 3)));

        Assert.Equal(["", "Name Size", "---- ----", "a       1", "bb     22"], first);
        Assert.Equal(["a-m…    3"], late);
        Assert.Equal([""], formatter.Flush());
    }

    [Fact]
    public void Wide_tables_are_cut_to_the_width()
    {
        var lines = FormatAll(30, PsObject.CreateCustomObject(("Path", new string('p', 50)), ("Note", new string('n', 50))));

        Assert.All(lines, l => Assert.True(l.Length < 30, l));
        Assert.Contains(lines, l => l.Contains('…', StringComparison.Ordinal));
    }

    [Fact]
    public void Known_types_use_their_default_view_columns_in_one_table()
    {
        static PsObject Command(string type, string name)
        {
            var obj = new PsObject(new PsTypeNames(type, "System.Management.Automation.CommandInfo", "System.Object"));
            obj.AdaptedProperties.Add("HelpFile", "x.xml");
            obj.AdaptedProperties.Add("Definition", "long text");
            obj.AdaptedProperties.Add("Name", name);
            obj.AdaptedProperties.Add("CommandType", PsObject.CreateEnum("System.Management.Automation.CommandTypes", type.EndsWith("CmdletInfo", StringComparison.Ordinal) ? "Cmdlet" : "Function", 8));
            obj.AdaptedProperties.Add("Source", "Core");
            obj.AdaptedProperties.Add("Verb", "Get");
            return obj;
        }

        var lines = FormatAll(80, Command("System.Management.Automation.CmdletInfo", "Get-A"), Command("Deserialized.System.Management.Automation.FunctionInfo", "f"));

        Assert.Equal(["", "CommandType Name  Source", "----------- ----  ------", "Cmdlet      Get-A Core", "Function    f     Core", ""], lines);
    }

    [Fact]
    public void Collections_are_unrolled_and_enums_show_their_name()
    {
        var list = new PsObject(PsTypeNames.ObjectArray) { BaseValue = new PsList([1, "two"]) };
        var color = PsObject.CreateEnum("System.ConsoleColor", "Red", 12);

        Assert.Equal(["1", "two", "Red"], FormatAll(80, list, color));
    }
}
