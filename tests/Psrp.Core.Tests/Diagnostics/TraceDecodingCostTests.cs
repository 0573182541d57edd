using System.Text;
using Psrp.Diagnostics;
using Psrp.Fragments;
using Psrp.Messages;

namespace Psrp.Tests.Diagnostics;

/// <summary>
/// <c>psrp trace decode</c> reads traces a hostile peer shaped: its work and memory grow with the
/// input, not with its square (issue #16, item 12: a 281 KB trace of deep nesting was indented
/// into 3.6 GB; a fragment arriving in many small pieces was copied whole for every piece).
/// </summary>
public class TraceDecodingCostTests
{
    private static string Nested(int depth) =>
        string.Concat(Enumerable.Repeat("<Obj>", depth)) + "<S>x</S>" + string.Concat(Enumerable.Repeat("</Obj>", depth));

    [Fact]
    public void Indentation_stops_growing_past_a_depth()
    {
        var lines = ClixmlText.Indent(Nested(2000), int.MaxValue).Split('\n');

        var widest = lines.Max(l => l.Length - l.TrimStart(' ').Length);
        Assert.InRange(widest, 20, ClixmlText.MaxIndentWidth);
        Assert.Contains("<S>x</S>", lines.Select(l => l.Trim()));
    }

    [Fact]
    public void Deep_nesting_is_indented_within_the_character_limit()
    {
        var indented = ClixmlText.Indent(Nested(40_000), 1000);

        Assert.True(indented.Length < 1100, $"{indented.Length} characters");
        Assert.EndsWith("more characters)", indented, StringComparison.Ordinal);
    }

    [Fact]
    public void Indentation_keeps_the_document()
    {
        const string Xml = "<Objs Version=\"1.1\"><Obj RefId=\"0\"><TN RefId=\"0\"><T>A&amp;B</T></TN><MS><S N=\"a\">x &lt; y</S><Nil N=\"b\" /><S N=\"c\"></S></MS></Obj><!--c--></Objs>";

        var indented = ClixmlText.Indent(Xml);

        Assert.Equal(
            "<Objs Version=\"1.1\">\n  <Obj RefId=\"0\">\n    <TN RefId=\"0\">\n      <T>A&amp;B</T>\n    </TN>\n    <MS>\n" +
            "      <S N=\"a\">x &lt; y</S>\n      <Nil N=\"b\" />\n      <S N=\"c\"></S>\n    </MS>\n  </Obj>\n  <!--c-->\n</Objs>",
            indented);
        Assert.Equal(
            System.Xml.Linq.XElement.Parse(Xml).ToString(System.Xml.Linq.SaveOptions.DisableFormatting),
            System.Xml.Linq.XElement.Parse(indented).ToString(System.Xml.Linq.SaveOptions.DisableFormatting));
    }

    [Fact]
    public void A_fragment_fed_byte_by_byte_is_not_copied_per_byte()
    {
        var body = Encoding.UTF8.GetBytes("<S>" + new string('a', 64 << 10) + "</S>");
        var message = new PsrpMessage(Destination.Client, MessageType.PipelineOutput, Guid.NewGuid(), Guid.NewGuid(), body).ToArray();
        var fragment = new byte[FragmentHeader.Size + message.Length];
        new FragmentHeader(1, 0, FragmentFlags.Start | FragmentFlags.End, message.Length).Write(fragment);
        message.CopyTo(fragment, FragmentHeader.Size);
        var decoder = new FragmentStreamDecoder(WireDirection.Received, 1 << 20);
        var fragments = new List<FragmentHeader>();
        var messages = new List<DecodedMessage>();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < fragment.Length; i++)
        {
            decoder.Feed(fragment.AsSpan(i, 1), fragments, messages);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Single(messages);
        Assert.True(allocated < 16L * fragment.Length, $"{allocated} bytes allocated for a {fragment.Length}-byte fragment");
    }
}
