using System.Buffers;
using System.Text;
using Psrp.Serialization;

namespace Psrp.Tests.Serialization;

/// <summary>
/// A deserialized object keeps a set of one or two properties in its own fields (names shared by
/// every object of that shape, an I32/I64 value unboxed until read). None of that may show
/// through the object model: lookups, the collections, changes, the writer and the value types
/// must behave exactly as for a set held in an array.
/// </summary>
public class SmallPropertySetTests
{
    private static PsObject Read(string xml) => (PsObject)ClixmlReader.Deserialize((ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(xml))!;

    private static string Write(object value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        ClixmlWriter.Serialize(buffer, value);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Values_keep_their_types_and_are_found_case_insensitively()
    {
        var obj = Read("<Obj RefId=\"0\"><MS><I32 N=\"A\">-7</I32><I64 N=\"B\">9000000000</I64></MS></Obj>");

        Assert.Equal(-7, Assert.IsType<int>(obj["a"]));
        Assert.Equal(9_000_000_000L, Assert.IsType<long>(obj["B"]));
        Assert.Null(obj["C"]);
        Assert.Equal("A", obj.FindProperty("a")!.Value.Name);
        Assert.True(obj.HasExtendedProperties);
        Assert.False(obj.HasAdaptedProperties);
    }

    [Fact]
    public void A_packed_integer_is_boxed_once_and_the_same_box_is_returned_after()
    {
        var obj = Read("<Obj RefId=\"0\"><MS><I32 N=\"A\">5</I32><S N=\"B\">x</S></MS></Obj>");

        var first = obj["A"];
        Assert.Same(first, obj["A"]);
        Assert.Same(first, obj.ExtendedProperties["A"]);
    }

    [Fact]
    public void Two_integers_in_one_set_both_read_back()
    {
        // The object has one field for an unboxed integer; the second must still come back right.
        var obj = Read("<Obj RefId=\"0\"><MS><I32 N=\"A\">1</I32><I64 N=\"B\">2</I64></MS></Obj>");

        Assert.Equal(1, obj["A"]);
        Assert.Equal(2L, obj["B"]);
        Assert.Equal([("A", (object?)1), ("B", 2L)], obj.ExtendedProperties.Select(p => (p.Name, p.Value)));
    }

    [Fact]
    public void A_repeated_name_resolves_to_the_last_one_as_for_larger_sets()
    {
        var obj = Read("<Obj RefId=\"0\"><MS><I32 N=\"A\">1</I32><I32 N=\"a\">2</I32></MS></Obj>");

        Assert.Equal(2, obj["A"]);
        Assert.Equal(2, obj.ExtendedProperties["A"]);
        Assert.Equal(2, obj.ExtendedProperties.Count);
    }

    [Fact]
    public void Both_sets_small_read_back_each_in_order()
    {
        // Only one set fits in the object's fields; the other must not overwrite its values.
        var obj = Read("<Obj RefId=\"0\"><Props><I32 N=\"P1\">1</I32><S N=\"P2\">two</S></Props><MS><I32 N=\"N1\">3</I32><S N=\"N2\">four</S></MS></Obj>");

        Assert.Equal([("P1", (object?)1), ("P2", "two")], obj.AdaptedProperties.Select(p => (p.Name, p.Value)));
        Assert.Equal([("N1", (object?)3), ("N2", "four")], obj.ExtendedProperties.Select(p => (p.Name, p.Value)));
        Assert.Equal(1, obj["P1"]);
        Assert.Equal(3, obj["N1"]);
    }

    [Fact]
    public void Objects_of_one_shape_do_not_share_values()
    {
        var list = Read(
            "<Obj RefId=\"0\"><LST>" +
            "<Obj RefId=\"1\"><MS><I32 N=\"A\">1</I32><S N=\"B\">one</S></MS></Obj>" +
            "<Obj RefId=\"2\"><MS><I32 N=\"A\">2</I32><S N=\"B\">two</S></MS></Obj>" +
            "<Obj RefId=\"3\"><MS><I32 N=\"B\">3</I32><S N=\"A\">three</S></MS></Obj>" +
            "</LST></Obj>").List!.Cast<PsObject>().ToArray();

        Assert.Equal([1, 2, "three"], list.Select(o => o["A"]));
        Assert.Equal(["one", "two", 3], list.Select(o => o["B"]));
        Assert.Equal(["B", "A"], list[2].ExtendedProperties.Select(p => p.Name));
    }

    [Fact]
    public void Changing_a_small_set_through_its_collection_sticks()
    {
        var obj = Read("<Obj RefId=\"0\"><MS><I32 N=\"A\">1</I32><S N=\"B\">x</S></MS></Obj>");

        obj.ExtendedProperties["A"] = 10;
        obj.ExtendedProperties.Add("C", "new");

        Assert.Equal(10, obj["A"]);
        Assert.Equal("new", obj["C"]);
        Assert.Equal(["A", "B", "C"], obj.ExtendedProperties.Select(p => p.Name));
        Assert.Contains("<I32 N=\"A\">10</I32>", Write(obj), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<Obj RefId=\"0\"><MS><I32 N=\"A\">42</I32><S N=\"B\">item</S></MS></Obj>")]
    [InlineData("<Obj RefId=\"0\"><MS><S N=\"A\">item</S><I64 N=\"B\">-9000000000</I64></MS></Obj>")]
    [InlineData("<Obj RefId=\"0\"><Props><I32 N=\"A\">-2147483648</I32><I32 N=\"B\">2147483647</I32></Props></Obj>")]
    [InlineData("<Obj RefId=\"0\"><MS><I64 N=\"Only\">9223372036854775807</I64></MS></Obj>")]
    public void The_writer_writes_a_small_set_back_as_it_was_read(string xml)
    {
        var obj = Read(xml);

        Assert.Equal(xml, Write(obj));
        Assert.Equal(xml, Write(Read(Write(obj)))); // and again, once the values may have been boxed
    }

    [Fact]
    public void Writing_an_unboxed_integer_does_not_box_it()
    {
        const string Xml = "<Obj RefId=\"0\"><MS><I32 N=\"A\">123456</I32><I64 N=\"B\">1</I64></MS></Obj>";
        var buffer = new ArrayBufferWriter<byte>(4096);
        ClixmlWriter.Serialize(buffer, Read(Xml)); // warm up on another object of the same shape
        var obj = Read(Xml);

        // Had the writer boxed the integers (and the object kept the boxes), the first write
        // would allocate two boxes more than the second.
        var first = AllocatedBy(() => ClixmlWriter.Serialize(buffer, obj));
        var second = AllocatedBy(() => ClixmlWriter.Serialize(buffer, obj));

        Assert.Equal(second, first);
        Assert.Equal(123456, obj["A"]);
        Assert.Equal(1L, obj["B"]);

        static long AllocatedBy(Action action)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            action();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }

    [Fact]
    public void An_empty_set_and_a_one_property_set_read_back()
    {
        var empty = Read("<Obj RefId=\"0\"><MS></MS></Obj>");
        Assert.False(empty.HasExtendedProperties);
        Assert.Empty(empty.ExtendedProperties);

        var one = Read("<Obj RefId=\"0\"><Props><Nil N=\"X\" /></Props></Obj>");
        Assert.True(one.HasAdaptedProperties);
        Assert.Null(one["X"]);
        Assert.NotNull(one.FindProperty("X"));
        Assert.Equal(["X"], one.AdaptedProperties.Select(p => p.Name));
    }

    [Fact]
    public void Three_properties_still_read_as_before()
    {
        var obj = Read("<Obj RefId=\"0\"><MS><I32 N=\"A\">1</I32><I32 N=\"B\">2</I32><I32 N=\"C\">3</I32></MS></Obj>");

        Assert.Equal([1, 2, 3], obj.ExtendedProperties.Select(p => p.Value));
        Assert.Equal(3, obj["c"]);
    }
}
