using System.Text;
using Psrp.Serialization;

namespace Psrp.Tests.Serialization;

/// <summary>
/// Hostile input costs bounded memory and stack: the reader stops at the first violation instead
/// of materializing what the peer asked for, and recursion never outruns the thread's stack.
/// </summary>
public class BoundedResourcesTests
{
    private static long AllocatedBy(Action action)
    {
        action(); // warm up: JIT and first-call caches are not what is being measured
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void Fails(string xml, PsrpProtocolError code, ClixmlLimits? limits = null)
    {
        var ex = Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize(xml, limits));
        Assert.Equal(code, ex.Code);
    }

    private static string Nested(int levels, string open, string close, string leaf = "<Nil />")
    {
        var sb = new StringBuilder((open.Length + close.Length) * levels + leaf.Length);
        for (var i = 0; i < levels; i++)
        {
            sb.Append(open);
        }

        sb.Append(leaf);
        for (var i = 0; i < levels; i++)
        {
            sb.Append(close);
        }

        return sb.ToString();
    }

    [Fact]
    public void Ten_thousand_nested_lists_fail_at_the_depth_limit_with_little_allocation()
    {
        var xml = Nested(10_000, "<Obj RefId=\"0\"><LST>", "</LST></Obj>");

        var allocated = AllocatedBy(() => Fails(xml, PsrpProtocolError.LimitExceeded));

        // The reader stops after 128 levels: a few KB of model objects plus the parser's buffers.
        Assert.True(allocated < 256 * 1024, $"allocated {allocated} bytes");
    }

    [Theory]
    [InlineData("<Obj RefId=\"0\"><MS><Obj N=\"p\" RefId=\"1\">", "</Obj></MS></Obj>")]
    [InlineData("<Obj RefId=\"0\"><DCT><En><S N=\"Key\">k</S><Obj N=\"Value\" RefId=\"1\">", "</Obj></En></DCT></Obj>")]
    [InlineData("<Obj RefId=\"0\"><Props><Obj N=\"p\" RefId=\"1\">", "</Obj></Props></Obj>")]
    public void Deep_nesting_through_properties_and_dictionaries_fails_too(string open, string close)
    {
        Fails(Nested(5_000, open, close), PsrpProtocolError.LimitExceeded);
    }

    [Theory]
    [InlineData("<Nil>", "</Nil>", "<a>", "</a>")]
    [InlineData("<S>", "</S>", "<a>", "</a>")]
    [InlineData("<Obj RefId=\"0\"><TN RefId=\"0\"><T>", "</T></TN></Obj>", "<a>", "</a>")]
    public void Deep_nesting_where_only_text_belongs_fails_at_the_first_child(string outerOpen, string outerClose, string open, string close)
    {
        var xml = outerOpen + Nested(200_000, open, close, "x") + outerClose;

        var allocated = AllocatedBy(() => Fails(xml, PsrpProtocolError.UnexpectedElement));

        Assert.True(allocated < 128 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Billion_laughs_is_refused_before_any_expansion()
    {
        var xml = "<!DOCTYPE lolz [<!ENTITY lol \"lol\">" +
            string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))};", 10))}\">")) +
            "]><S>&lol9;</S>";

        var allocated = AllocatedBy(() => Fails(xml, PsrpProtocolError.MalformedXml));

        Assert.True(allocated < 128 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Element_flood_stops_at_the_element_limit()
    {
        var xml = "<Obj RefId=\"0\"><LST>" + string.Concat(Enumerable.Repeat("<Nil />", 200_000)) + "</LST></Obj>";
        var limits = new ClixmlLimits { MaxElements = 1_000 };

        var allocated = AllocatedBy(() => Fails(xml, PsrpProtocolError.LimitExceeded, limits));

        Assert.True(allocated < 128 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void An_over_long_string_costs_at_most_a_small_multiple_of_its_size()
    {
        // The text node is parsed whole before it can be measured, so the cost is linear in what
        // the peer sent (already held in memory by the caller), never more.
        var text = new string('a', 1 << 20);
        var xml = "<S>" + text + "</S>";
        var limits = new ClixmlLimits { MaxStringLength = 1_000 };

        var allocated = AllocatedBy(() => Fails(xml, PsrpProtocolError.LimitExceeded, limits));

        Assert.True(allocated < 8L * text.Length, $"allocated {allocated} bytes for a {text.Length}-character string");
    }

    [Fact]
    public void Default_depth_is_safe_on_a_small_stack()
    {
        // Exactly MaxDepth levels, read and written on a thread with 1 MB of stack (the Windows
        // default for .NET threads). The stack guard keeps a wide safety margin, so much less fails cleanly.
        var limits = ClixmlLimits.Default;
        var xml = Nested(limits.MaxDepth, "<Obj RefId=\"0\"><LST>", "</LST></Obj>");
        object? result = null;
        Exception? failure = null;

        var thread = new Thread(() =>
        {
            try
            {
                result = ClixmlReader.Deserialize(xml);
                ClixmlWriter.SerializeToBytes(result);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }, maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();

        Assert.Null(failure);
        Assert.IsType<PsObject>(result);
        Fails(Nested(limits.MaxDepth + 1, "<Obj RefId=\"0\"><LST>", "</LST></Obj>"), PsrpProtocolError.LimitExceeded);
    }

    [Fact]
    public void A_raised_depth_limit_still_cannot_overflow_the_stack()
    {
        var xml = Nested(200_000, "<Obj RefId=\"0\"><MS><Obj N=\"p\" RefId=\"1\">", "</Obj></MS></Obj>");
        var limits = new ClixmlLimits { MaxDepth = int.MaxValue, MaxElements = long.MaxValue };
        Exception? failure = null;

        var thread = new Thread(() => failure = Record.Exception(() => ClixmlReader.Deserialize(xml, limits)), maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();

        var ex = Assert.IsType<PsrpProtocolException>(failure);
        Assert.Equal(PsrpProtocolError.LimitExceeded, ex.Code);
    }

    [Fact]
    public void Writer_depth_limit_and_stack_guard()
    {
        var deep = new PsObject();
        var current = deep;
        for (var i = 1; i < 200_000; i++)
        {
            var next = new PsObject();
            current.ExtendedProperties.Add("p", next);
            current = next;
        }

        Assert.Throws<ArgumentException>(() => ClixmlWriter.SerializeToBytes(deep));

        Exception? failure = null;
        var thread = new Thread(() => failure = Record.Exception(() => ClixmlWriter.SerializeToBytes(deep, int.MaxValue)), maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.IsType<InsufficientExecutionStackException>(failure);
    }

    [Fact]
    public void What_the_writer_emits_at_depth_N_reads_back_at_depth_N()
    {
        // A chain of N nested objects through both containers and properties.
        static object Chain(int n) => n == 1 ? PsObject.CreateCustomObject(("leaf", 1)) : n % 2 == 0 ? new PsList([Chain(n - 1)]) : PsObject.CreateCustomObject(("p", Chain(n - 1)));
        const int N = 40;

        var bytes = ClixmlWriter.SerializeToBytes(Chain(N), maxDepth: N);

        Assert.Throws<ArgumentException>(() => ClixmlWriter.SerializeToBytes(Chain(N), maxDepth: N - 1));
        Assert.NotNull(ClixmlReader.Deserialize(bytes, new ClixmlLimits { MaxDepth = N }));
        Fails(Encoding.UTF8.GetString(bytes), PsrpProtocolError.LimitExceeded, new ClixmlLimits { MaxDepth = N - 1 });
    }
}
