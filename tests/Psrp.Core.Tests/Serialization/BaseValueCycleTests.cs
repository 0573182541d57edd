using System.Text;
using Psrp.Messages;
using Psrp.Serialization;

namespace Psrp.Tests.Serialization;

/// <summary>
/// An object's base value is what it is; a chain of base values that leads back to its start has
/// no value at all, and following it (ToString, ConvertTo) never ends. PowerShell's serializer
/// cannot write one, so the reader refuses it; an application can still build one through the
/// API, so the walkers stop on it instead of overflowing the stack (which kills the process).
/// Cycles through properties and container items stay legal: PowerShell writes those.
/// </summary>
public class BaseValueCycleTests
{
    // Issue #16, item 4: one INFORMATION_RECORD like this killed psrp with a stack overflow.
    private const string SelfBaseTag =
        "<Obj RefId=\"0\"><MS><Obj N=\"Tags\" RefId=\"1\"><LST><Obj RefId=\"2\"><Ref RefId=\"2\" /></Obj></LST></Obj></MS></Obj>";

    [Fact]
    public void A_Ref_making_an_object_its_own_base_value_is_a_protocol_error()
    {
        var error = Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize(SelfBaseTag));

        Assert.Equal(PsrpProtocolError.InvalidValue, error.Code);
        Assert.Contains("RefId=\"2\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_information_record_with_a_self_based_tag_is_a_protocol_error()
    {
        Assert.Throws<PsrpProtocolException>(() =>
            PsrpPayloadCodec.Decode(MessageType.InformationRecord, Encoding.UTF8.GetBytes(SelfBaseTag)));
    }

    [Fact]
    public void Two_objects_each_the_base_value_of_the_other_are_a_protocol_error()
    {
        const string Xml = "<Obj RefId=\"0\"><Obj RefId=\"1\"><Ref RefId=\"0\" /></Obj></Obj>";

        var error = Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize(Xml));

        Assert.Equal(PsrpProtocolError.InvalidValue, error.Code);
    }

    [Fact]
    public void A_base_value_referring_to_a_finished_object_still_reads()
    {
        const string Xml = "<Obj RefId=\"0\"><MS><Obj N=\"a\" RefId=\"1\"><I32>5</I32></Obj><Obj N=\"b\" RefId=\"2\"><Ref RefId=\"1\" /></Obj></MS></Obj>";

        var read = (PsObject)ClixmlReader.Deserialize(Xml)!;

        Assert.Same(read["a"], ((PsObject)read["b"]!).BaseValue);
        Assert.Equal("5", read["b"]!.ToString());
    }

    [Fact]
    public void A_property_referring_back_to_its_object_still_reads()
    {
        // PowerShell writes this for a PSObject with a note property holding itself.
        const string Xml = "<Obj RefId=\"0\"><MS><I32 N=\"a\">1</I32><Ref N=\"self\" RefId=\"0\" /></MS></Obj>";

        var read = (PsObject)ClixmlReader.Deserialize(Xml)!;

        Assert.Same(read, read["self"]);
    }

    [Fact]
    public void ToString_of_an_object_that_is_its_own_base_value_ends()
    {
        var loop = new PsObject(new PsTypeNames("My.Loop"));
        loop.BaseValue = loop;

        Assert.Equal("My.Loop", loop.ToString());
    }

    [Fact]
    public void ToString_of_a_long_base_value_cycle_ends()
    {
        var first = new PsObject();
        var current = first;
        for (var i = 0; i < 1000; i++)
        {
            var next = new PsObject();
            current.BaseValue = next;
            current = next;
        }

        current.BaseValue = first;

        Assert.Equal("PSObject", first.ToString());
    }

    [Fact]
    public void ToString_follows_an_acyclic_base_value_chain()
    {
        var inner = new PsObject { BaseValue = 42 };
        var outer = new PsObject { BaseValue = new PsObject { BaseValue = inner } };

        Assert.Equal("42", outer.ToString());
    }

    [Fact]
    public void ConvertTo_string_of_a_base_value_cycle_ends()
    {
        var a = new PsObject();
        var b = new PsObject { BaseValue = a };
        a.BaseValue = b;

        Assert.Equal("PSObject", PsValue.ConvertTo<string>(a));
    }
}
