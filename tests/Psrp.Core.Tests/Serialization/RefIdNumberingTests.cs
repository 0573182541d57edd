using System.Buffers;
using System.Management.Automation;
using System.Text;
using Psrp.Serialization;
using Psrp.Tests.Serialization.Support;

namespace Psrp.Tests.Serialization;

/// <summary>
/// Object RefIds and type-name RefIds are two counters that start at 0 for every message, in
/// document order, as PowerShell numbers them; repeats become <c>Ref</c> and <c>TNRef</c>.
/// </summary>
public class RefIdNumberingTests
{
    private static PsObject Enum(string type, string name, int value) => PsObject.CreateEnum(type, name, value);

    [Fact]
    public void Each_message_numbers_from_zero()
    {
        var body = PsObject.CreateCustomObject(("e", Enum("My.Enum", "A", 1)));
        var expected = "<Obj RefId=\"0\"><TN RefId=\"0\"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN>" +
            "<MS><Obj N=\"e\" RefId=\"1\"><TN RefId=\"1\"><T>My.Enum</T><T>System.Enum</T><T>System.ValueType</T><T>System.Object</T></TN>" +
            "<ToString>A</ToString><I32>1</I32></Obj></MS></Obj>";

        Assert.Equal(expected, ClixmlWriter.SerializeToString(body));
        Assert.Equal(expected, ClixmlWriter.SerializeToString(body));
    }

    [Fact]
    public void Equal_type_name_lists_share_one_TN_even_from_different_instances()
    {
        var body = new PsObject();
        body.ExtendedProperties.Add("a", Enum("My.Enum", "A", 1));
        body.ExtendedProperties.Add("b", Enum("Other.Enum", "B", 2));
        body.ExtendedProperties.Add("c", Enum("My.Enum", "C", 3));

        var xml = ClixmlWriter.SerializeToString(body);

        Assert.Equal(
            "<Obj RefId=\"0\"><MS>" +
            "<Obj N=\"a\" RefId=\"1\"><TN RefId=\"0\"><T>My.Enum</T><T>System.Enum</T><T>System.ValueType</T><T>System.Object</T></TN><ToString>A</ToString><I32>1</I32></Obj>" +
            "<Obj N=\"b\" RefId=\"2\"><TN RefId=\"1\"><T>Other.Enum</T><T>System.Enum</T><T>System.ValueType</T><T>System.Object</T></TN><ToString>B</ToString><I32>2</I32></Obj>" +
            "<Obj N=\"c\" RefId=\"3\"><TNRef RefId=\"0\" /><ToString>C</ToString><I32>3</I32></Obj>" +
            "</MS></Obj>",
            xml);
    }

    [Fact]
    public void A_repeated_object_is_a_Ref_with_its_property_name()
    {
        var shared = PsObject.CreateCustomObject(("v", 1));
        var body = new PsObject();
        body.ExtendedProperties.Add("first", shared);
        body.ExtendedProperties.Add("second", shared);

        var xml = ClixmlWriter.SerializeToString(body);

        Assert.EndsWith("<Ref N=\"second\" RefId=\"1\" /></MS></Obj>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_containing_itself_is_written_once_and_read_back_as_a_cycle()
    {
        var node = PsObject.CreateCustomObject(("name", "loop"));
        node.ExtendedProperties.Add("self", node);

        var xml = ClixmlWriter.SerializeToString(node);
        var read = (PsObject)ClixmlReader.Deserialize(xml)!;

        Assert.Contains("<Ref N=\"self\" RefId=\"0\" />", xml, StringComparison.Ordinal);
        Assert.Same(read, read["self"]);
    }

    [Fact]
    public void A_document_numbers_across_its_values()
    {
        var shared = PsObject.CreateCustomObject(("v", 1));
        var buffer = new ArrayBufferWriter<byte>();

        ClixmlWriter.SerializeDocument(buffer, [shared, shared, PsObject.CreateCustomObject()]);
        var xml = Encoding.UTF8.GetString(buffer.WrittenSpan);

        Assert.Contains("<Ref RefId=\"0\" />", xml, StringComparison.Ordinal);
        Assert.Contains("<Obj RefId=\"1\"><TNRef RefId=\"0\" /></Obj>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbering_matches_PowerShell_for_a_graph_with_sharing_and_repeated_types()
    {
        // The same graph built both ways: PowerShell's objects and our model.
        var script = "$leaf = [pscustomobject]@{ v = 1 }; " +
            "$o = [pscustomobject]@{ a = $leaf; b = [ConsoleColor]::Red; c = @($leaf, [ConsoleColor]::Blue, @{ k = $leaf }); d = $leaf }; " +
            "$o.psobject.TypeNames.Clear(); $o";
        var theirs = PsOracle.Serialize(PowerShellSession.InvokeOne(script), 5);

        var leaf = PsObject.CreateCustomObject(("v", 1));
        var table = new System.Collections.Hashtable { ["k"] = leaf };
        var ours = new PsObject();
        ours.ExtendedProperties.Add("a", leaf);
        ours.ExtendedProperties.Add("b", ConsoleColor.Red);
        ours.ExtendedProperties.Add("c", new object[] { leaf, ConsoleColor.Blue, table });
        ours.ExtendedProperties.Add("d", leaf);

        Assert.Equal(ClixmlCanonicalForm.Of(theirs), ClixmlCanonicalForm.Of(PsOracle.OurDocument(ours)));
    }

    [Fact]
    public void Reader_resolves_TNRef_to_the_same_type_names()
    {
        var xml = "<Obj RefId=\"0\"><MS>" +
            "<Obj N=\"a\" RefId=\"1\"><TN RefId=\"0\"><T>X</T></TN></Obj>" +
            "<Obj N=\"b\" RefId=\"2\"><TNRef RefId=\"0\" /></Obj></MS></Obj>";

        var read = (PsObject)ClixmlReader.Deserialize(xml)!;

        Assert.Same(((PsObject)read["a"]!).TypeNames, ((PsObject)read["b"]!).TypeNames);
        Assert.Equal("X", ((PsObject)read["b"]!).TypeNames.MostDerived);
    }

    [Fact]
    public void PowerShell_objects_in_a_list_keep_their_sharing_when_PowerShell_reads_ours()
    {
        var shared = PsObject.CreateCustomObject(("v", 1));
        var list = new PsList([shared, shared]);

        var theirs = (PSObject)PsOracle.Deserialize(PsOracle.OurDocument(list))!;
        var items = ((System.Collections.IEnumerable)theirs.BaseObject).Cast<object>().ToArray();

        Assert.Same(items[0], items[1]);
    }
}
