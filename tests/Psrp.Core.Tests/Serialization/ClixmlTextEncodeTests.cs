using Psrp.Serialization;
using Psrp.Tests.Serialization.Support;

namespace Psrp.Tests.Serialization;

/// <summary>PowerShell's <c>_xHHHH_</c> escaping of CLIXML text and property names.</summary>
public class ClixmlTextEncodeTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("plain text", "plain text")]
    [InlineData("\0", "_x0000_")]
    [InlineData("a\tb\nc\rd", "a_x0009_b_x000A_c_x000D_d")]
    [InlineData("\u001F\u0020", "_x001F_ ")]
    [InlineData("\u007F\u0080\u009F\u00A0", "_x007F__x0080__x009F_\u00A0")]
    [InlineData("😀", "_xD83D__xDE00_")]
    [InlineData("\uFFFE\uFFFF\uFFFD", "_xFFFE__xFFFF_\uFFFD")]
    [InlineData("_x0041_", "_x005F_x0041_")]
    [InlineData("_X", "_x005F_X")]
    [InlineData("a_x", "a_x005F_x")]
    [InlineData("__x", "__x005F_x")]
    [InlineData("_ _a x_ _", "_ _a x_ _")]
    [InlineData("<>&\"'", "<>&\"'")]
    public void Encode_escapes_what_PowerShell_escapes(string value, string expected) =>
        Assert.Equal(expected, ClixmlText.Encode(value));

    [Fact]
    public void Lone_and_reversed_surrogates_are_escaped_one_unit_at_a_time()
    {
        // Built in code: a lone surrogate in an attribute argument does not survive compilation.
        Assert.Equal("_xD800_", ClixmlText.Encode("\uD800"));
        Assert.Equal("a_xDFFF_b", ClixmlText.Encode("a\uDFFFb"));
        Assert.Equal("_xDC00__xD800_", ClixmlText.Encode("\uDC00\uD800"));
        Assert.Equal("x_xD83D_", ClixmlText.Encode("x\uD83D"));
    }

    [Fact]
    public void Noncharacters_PowerShell_cannot_write_are_escaped_and_PowerShell_reads_them_back()
    {
        const string Value = "a\uFFFEb\uFFFF";

        // PowerShell's own writer refuses these characters outright.
        Assert.ThrowsAny<ArgumentException>(() => PsOracle.Serialize(Value, 1));

        var document = PsOracle.OurDocument(Value);
        Assert.Contains("a_xFFFE_b_xFFFF_", document, StringComparison.Ordinal);
        Assert.Equal(Value, PsOracle.Deserialize(document));
        Assert.Equal(Value, ClixmlReader.Deserialize(document));
    }

    [Fact]
    public void Encode_returns_the_same_instance_when_nothing_needs_escaping()
    {
        var value = "nothing to do here";

        Assert.Same(value, ClixmlText.Encode(value));
    }

    [Fact]
    public void Encode_agrees_with_PowerShell_on_random_strings()
    {
        var random = new Random(7);
        for (var i = 0; i < 150; i++)
        {
            // U+FFFE/U+FFFF excluded: PowerShell throws on them (see the test above).
            var value = RandomText.Next(random, 40).Replace("\uFFFE", "", StringComparison.Ordinal).Replace("\uFFFF", "", StringComparison.Ordinal);

            var ours = ClixmlCanonicalForm.Of(PsOracle.OurDocument(value));
            var theirs = ClixmlCanonicalForm.Of(PsOracle.Serialize(value, 1));

            Assert.Equal(theirs, ours);
        }
    }

    [Fact]
    public void Decode_inverts_Encode_on_random_strings()
    {
        var random = new Random(11);
        for (var i = 0; i < 2000; i++)
        {
            var value = RandomText.Next(random, 60);

            Assert.Equal(value, ClixmlText.Decode(ClixmlText.Encode(value)));
        }
    }
}
