using Psrp.Diagnostics;
using Psrp.Messages;

namespace Psrp.Core.Tests.Diagnostics;

/// <summary>Decoding blobs as copied from logs (psrp-facts §13 golden vectors) and summing up traces.</summary>
public class WireTraceDecoderTests
{
    // GV3: RUNSPACEPOOL_STATE = Opened, one fragment, base64 and hex.
    private const string Gv3Base64 = "AAAAAAAAAAMAAAAAAAAAAAMAAABnAQAAAAUQAgB2BWqEUdxPJJJiyipVRksrAAAAAAAAAAAAAAAAAAAAAO+7vzxPYmogUmVmSWQ9IjAiPjxNUz48STMyIE49IlJ1bnNwYWNlU3RhdGUiPjI8L0kzMj48L01TPjwvT2JqPg==";

    // GV9: PUBLIC_KEY_REQUEST as a bare message (no fragment header).
    private const string Gv9Hex = "02 00 00 00 07 00 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 3c 53 20 2f 3e";

    [Fact]
    public void A_base64_fragment_decodes_to_its_message()
    {
        var unit = WireTraceDecoder.DecodeBlob(WireTraceDecoder.ParseBlobText(Gv3Base64), WireDirection.Received);
        Assert.Null(unit.Error);
        var fragment = Assert.Single(unit.Fragments);
        Assert.Equal(3UL, fragment.ObjectId);
        Assert.Equal(103, fragment.BlobLength);
        var message = Assert.Single(unit.Messages);
        Assert.Equal(MessageType.RunspacePoolState, message.Type);
        Assert.Equal(Destination.Client, message.Destination);
        Assert.Equal("<Obj RefId=\"0\"><MS><I32 N=\"RunspaceState\">2</I32></MS></Obj>", message.DataText);
    }

    [Fact]
    public void The_same_fragment_as_a_hex_dump_decodes_the_same()
    {
        var hex = Convert.ToHexString(Convert.FromBase64String(Gv3Base64));
        var spaced = string.Join(' ', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2)));
        var unit = WireTraceDecoder.DecodeBlob(WireTraceDecoder.ParseBlobText(spaced));
        Assert.Equal(MessageType.RunspacePoolState, Assert.Single(unit.Messages).Type);
    }

    [Fact]
    public void A_bare_message_decodes_without_a_fragment_header()
    {
        var unit = WireTraceDecoder.DecodeBlob(WireTraceDecoder.ParseBlobText(Gv9Hex));
        Assert.Null(unit.Error);
        Assert.Empty(unit.Fragments);
        var message = Assert.Single(unit.Messages);
        Assert.Equal(MessageType.PublicKeyRequest, message.Type);
        Assert.Equal("<S />", message.DataText);
    }

    [Fact]
    public void Text_that_is_neither_base64_nor_hex_is_refused() =>
        Assert.Throws<FormatException>(() => WireTraceDecoder.ParseBlobText("this is not a blob!"));

    [Fact]
    public void A_truncated_blob_reports_the_missing_part_instead_of_a_message()
    {
        var bytes = Convert.FromBase64String(Gv3Base64)[..60];
        var unit = WireTraceDecoder.DecodeBlob(bytes);
        Assert.Empty(unit.Messages);
        Assert.Empty(unit.Fragments);
    }

    [Fact]
    public void Indenting_clixml_is_safe_on_hostile_input()
    {
        Assert.Equal("<Obj>\n  <S>x</S>\n</Obj>", ClixmlText.Indent("<Obj><S>x</S></Obj>"));
        const string bomb = "<!DOCTYPE a [<!ENTITY x \"xx\">]><a>&x;</a>";
        Assert.Equal(bomb, ClixmlText.Indent(bomb));
        Assert.EndsWith("more characters)", ClixmlText.Indent("<S>" + new string('a', 100) + "</S>", 20), StringComparison.Ordinal);
    }
}
