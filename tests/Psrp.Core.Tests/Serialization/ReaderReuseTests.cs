using System.Text;
using Psrp.Serialization;

namespace Psrp.Tests.Serialization;

/// <summary>
/// The reader is reused document after document on a thread (its buffers, name cache and RefId
/// tables survive between calls). Nothing one document defines may leak into the next, and a
/// document that fails half way must leave the reader as good as new.
/// </summary>
public class ReaderReuseTests
{
    private static ReadOnlyMemory<byte> Utf8(string xml) => Encoding.UTF8.GetBytes(xml);

    [Fact]
    public void A_Ref_cannot_reach_an_object_of_an_earlier_document()
    {
        var first = ClixmlReader.Deserialize(Utf8("<Obj RefId=\"0\"><MS><I32 N=\"a\">1</I32></MS></Obj>"));
        Assert.Equal(1, ((PsObject)first!)["a"]);

        var ex = Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize(Utf8("<Ref RefId=\"0\" />")));
        Assert.Equal(PsrpProtocolError.InvalidValue, ex.Code);
    }

    [Fact]
    public void A_TNRef_cannot_reach_type_names_of_an_earlier_document()
    {
        ClixmlReader.Deserialize(Utf8("<Obj RefId=\"0\"><TN RefId=\"0\"><T>My.Type</T></TN></Obj>"));

        var ex = Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize(Utf8("<Obj RefId=\"0\"><TNRef RefId=\"0\" /></Obj>")));
        Assert.Equal(PsrpProtocolError.InvalidValue, ex.Code);
    }

    [Fact]
    public void A_failed_document_leaves_the_reader_usable_and_its_element_count_reset()
    {
        var limits = new ClixmlLimits { MaxElements = 5 };
        var tooMany = "<Obj RefId=\"0\"><LST>" + string.Concat(Enumerable.Repeat("<I32>1</I32>", 10)) + "</LST></Obj>";
        Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize(Utf8(tooMany), limits));

        // Half-read lists and properties of the failed document must not turn up here.
        var value = (PsObject)ClixmlReader.Deserialize(Utf8("<Obj RefId=\"0\"><LST><I32>7</I32><I32>8</I32></LST></Obj>"), limits)!;
        Assert.Equal([7, 8], value.List!.Cast<int>());

        var truncated = "<Obj RefId=\"0\"><MS><S N=\"x\">a</S><I32 N=\"y\">";
        Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize(Utf8(truncated)));
        var next = (PsObject)ClixmlReader.Deserialize(Utf8("<Obj RefId=\"0\"><MS><S N=\"z\">b</S></MS></Obj>"))!;
        Assert.Equal(["z"], next.ExtendedProperties.Select(p => p.Name));
    }

    [Fact]
    public void Limits_of_one_call_do_not_stick_to_the_next()
    {
        var strict = new ClixmlLimits { MaxStringLength = 3 };
        Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize(Utf8("<S>abcdef</S>"), strict));

        Assert.Equal("abcdef", ClixmlReader.Deserialize(Utf8("<S>abcdef</S>")));
    }

    [Fact]
    public void A_long_string_then_short_documents_read_correctly()
    {
        var big = new string('x', 100_000) + "_x000A_";
        var xml = "<S>" + big + "</S>";
        Assert.Equal(new string('x', 100_000) + "\n", ClixmlReader.Deserialize(Utf8(xml)));
        Assert.Equal("a_b", ClixmlReader.Deserialize(Utf8("<S>a_x005F_b</S>")));
    }

    [Fact]
    public void Readers_on_many_threads_keep_their_documents_apart()
    {
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var obj = (PsObject)ClixmlReader.Deserialize(Utf8($"<Obj RefId=\"0\"><MS><I32 N=\"n\">{i}</I32><S N=\"s\">v{i}</S><Ref N=\"self\" RefId=\"0\" /></MS></Obj>"))!;
            Assert.Equal(i, obj["n"]);
            Assert.Equal($"v{i}", obj["s"]);
            Assert.Same(obj, obj["self"]);
        });
    }
}
