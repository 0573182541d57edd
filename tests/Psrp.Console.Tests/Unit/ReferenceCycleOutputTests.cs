using Psrp.Cli.Formatting;
using Psrp.Serialization;

namespace Psrp.Cli.Tests.Unit;

/// <summary>
/// PowerShell writes self-references (an array holding itself, a hashtable or an object with a
/// member pointing back), and the reader keeps them as cycles. Text and JSON output must end on
/// them: a recursion that follows one overflows the stack and kills psrp (issue #16, item 4).
/// </summary>
public class ReferenceCycleOutputTests
{
    // What PowerShell sends for $a = @('x', $null); $a[1] = $a; ,$a
    private const string SelfContainingArray =
        "<Obj RefId=\"0\"><TN RefId=\"0\"><T>System.Object[]</T><T>System.Array</T><T>System.Object</T></TN>" +
        "<LST><S>x</S><Ref RefId=\"0\" /></LST></Obj>";

    // A PSObject with ten note properties that each hold the object itself.
    private const string ManySelfProperties =
        "<Obj RefId=\"0\"><MS><Ref N=\"p0\" RefId=\"0\" /><Ref N=\"p1\" RefId=\"0\" /><Ref N=\"p2\" RefId=\"0\" />" +
        "<Ref N=\"p3\" RefId=\"0\" /><Ref N=\"p4\" RefId=\"0\" /><Ref N=\"p5\" RefId=\"0\" /><Ref N=\"p6\" RefId=\"0\" />" +
        "<Ref N=\"p7\" RefId=\"0\" /><Ref N=\"p8\" RefId=\"0\" /><Ref N=\"p9\" RefId=\"0\" /></MS></Obj>";

    [Fact]
    public void A_self_containing_array_formats_as_text()
    {
        var array = ClixmlReader.Deserialize(SelfContainingArray);

        var lines = new TextFormatter(80).Format(array);

        Assert.Equal("x", lines[0]);
        Assert.InRange(lines.Count, 2, 4);
    }

    [Fact]
    public void A_self_containing_array_in_a_cell_is_cut_where_it_repeats()
    {
        var array = ClixmlReader.Deserialize(SelfContainingArray);

        var text = ValueText.Of(array);

        Assert.StartsWith("{x, ", text, StringComparison.Ordinal);
        Assert.True(text.Length < 200, text);
    }

    [Fact]
    public void A_self_containing_array_writes_as_json()
    {
        var array = ClixmlReader.Deserialize(SelfContainingArray);

        var json = JsonOutput.ToJsonLine(array);

        Assert.StartsWith("[\"x\",", json, StringComparison.Ordinal);
        Assert.True(json.Length < 200, json);
    }

    [Fact]
    public void An_object_whose_properties_all_hold_itself_writes_as_json_at_once()
    {
        // Cut only by the depth limit this would be 10^16 values.
        var obj = ClixmlReader.Deserialize(ManySelfProperties);

        var json = JsonOutput.ToJsonLine(obj);

        Assert.StartsWith("{\"p0\":", json, StringComparison.Ordinal);
        Assert.True(json.Length < 1000, json);
    }

    [Fact]
    public void An_object_built_as_its_own_base_value_writes_as_json_and_text()
    {
        var loop = new PsObject(new PsTypeNames("My.Loop"));
        loop.BaseValue = loop;

        Assert.Equal("\"My.Loop\"", JsonOutput.ToJsonLine(loop));
        Assert.Equal(["My.Loop"], new TextFormatter(80).Format(loop));
    }
}
