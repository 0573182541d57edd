using System.Text.RegularExpressions;
using System.Xml;
using Psrp.Serialization;
using Psrp.Tests.Serialization.Support;

namespace Psrp.Tests.Serialization;

/// <summary>
/// Decoding follows <c>XmlConvert.DecodeName</c>, which is what PowerShell's deserializer calls.
/// </summary>
public partial class ClixmlTextDecodeTests
{
    [Theory]
    [InlineData("_x0041_", "A")]
    [InlineData("_X0041_", "A")]
    [InlineData("_x00e9_", "é")]
    [InlineData("_x00E9__x00e9_", "éé")]
    [InlineData("_xD83D__xDE00_", "😀")]
    [InlineData("_x0001F600_", "😀")]
    [InlineData("_x00000041_", "A")]
    [InlineData("_x005F_x0041_", "_x0041_")]
    [InlineData("_x0041_x0042_", "Ax0042_")]
    [InlineData("_x_x0041_", "_xA")]
    public void Valid_escapes_decode(string encoded, string expected) =>
        Assert.Equal(expected, ClixmlText.Decode(encoded));

    [Fact]
    public void An_8_digit_escape_below_U10000_is_one_unit_even_a_surrogate_half()
    {
        Assert.Equal("\uD800", ClixmlText.Decode("_x0000D800_"));
        Assert.Equal(XmlConvert.DecodeName("_x0000D800_"), ClixmlText.Decode("_x0000D800_"));
    }

    [Theory]
    [InlineData("_x")]
    [InlineData("_x004")]
    [InlineData("_x0041")]
    [InlineData("_x004_")]
    [InlineData("_x004G_")]
    [InlineData("_y0041_")]
    [InlineData("x0041_")]
    [InlineData("_x00410_")]
    [InlineData("_x0041004_")]
    [InlineData("_x00110000_")]
    [InlineData("_xFFFFFFFF_")]
    public void Invalid_escapes_are_left_alone(string text) =>
        Assert.Equal(text, ClixmlText.Decode(text));

    [Fact]
    public void An_out_of_range_8_digit_escape_is_consumed_whole()
    {
        // The underscore closing "_x00110000_" must not open "_x0041_": DecodeName's regex consumed it.
        Assert.Equal("_x00110000_x0041_", ClixmlText.Decode("_x00110000_x0041_"));
    }

    [Fact]
    public void Known_divergence_DecodeName_repeats_text_after_an_out_of_range_escape()
    {
        const string Text = "a_x00110000_b_x0041_";

        // .NET repeats "a_x00110000_b" (its copy position is not advanced); we keep the text once.
        Assert.Equal("a_x00110000_bA", ClixmlText.Decode(Text));
        Assert.NotEqual(ClixmlText.Decode(Text), XmlConvert.DecodeName(Text));
    }

    [Fact]
    public void Decode_agrees_with_XmlConvert_DecodeName_on_escape_heavy_random_text()
    {
        var random = new Random(3);
        var checkedCount = 0;
        for (var i = 0; i < 20000; i++)
        {
            var text = RandomText.EscapeHeavy(random, 30);
            if (OutOfRangeEscape().IsMatch(text) && OutOfRangeEscape().Matches(text).Any(IsAboveUnicode))
            {
                continue; // the divergence above
            }

            Assert.Equal(XmlConvert.DecodeName(text), ClixmlText.Decode(text));
            checkedCount++;
        }

        Assert.True(checkedCount > 15000, $"only {checkedCount} inputs were compared");
    }

    [Fact]
    public void PowerShell_decodes_strings_and_names_the_same_way()
    {
        var random = new Random(5);
        for (var i = 0; i < 60; i++)
        {
            var text = RandomText.EscapeHeavy(random, 24);
            if (OutOfRangeEscape().Matches(text).Any(IsAboveUnicode))
            {
                continue;
            }

            // Prefixed: PowerShell refuses an empty property name.
            var escaped = System.Security.SecurityElement.Escape("n" + text);
            var document = PsOracle.Wrap($"<Obj RefId=\"0\"><MS><S N=\"{escaped}\">{escaped}</S></MS></Obj>");

            var ours = (PsObject)ClixmlReader.Deserialize(document)!;
            var theirs = (System.Management.Automation.PSObject)PsOracle.Deserialize(document)!;

            var theirProperty = theirs.Properties.Single();
            Assert.Equal(theirProperty.Name, ours.ExtendedProperties[0].Name);
            Assert.Equal((string)theirProperty.Value, (string?)ours.ExtendedProperties[0].Value);
        }
    }

    private static bool IsAboveUnicode(Match match) =>
        Convert.ToInt64(match.Value[2..10], 16) > 0x10FFFF;

    [GeneratedRegex("_[xX][0-9a-fA-F]{8}_")]
    private static partial Regex OutOfRangeEscape();
}
