using System.Management.Automation;
using Psrp.Serialization;
using Psrp.Tests.Serialization.Support;

namespace Psrp.Tests.Serialization;

/// <summary>Property names travel in <c>N</c> attributes: PowerShell-escaped, then attribute-escaped.</summary>
public class PropertyNameEncodingTests
{
    public static TheoryData<string, string> Names => new()
    {
        { "plain", "plain" },
        { "with space", "with space" },
        { "a\"b", "a&quot;b" },
        { "<&>", "&lt;&amp;&gt;" },
        { "it's", "it's" },
        { "tab\there", "tab_x0009_here" },
        { "new\nline", "new_x000A_line" },
        { "_x0041_", "_x005F_x0041_" },
        { "_X", "_x005F_X" },
        { "😀", "_xD83D__xDE00_" },
        { "\u0085", "_x0085_" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Names_are_escaped_in_the_N_attribute(string name, string expectedAttribute)
    {
        var xml = ClixmlWriter.SerializeToString(PsObject.CreateCustomObject((name, 1)));

        Assert.Contains($"<I32 N=\"{expectedAttribute}\">1</I32>", xml, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Names_match_PowerShell_and_read_back(string name, string expectedAttribute)
    {
        _ = expectedAttribute;
        var theirObject = new PSObject();
        theirObject.Properties.Add(new PSNoteProperty(name, 1));
        var theirs = PsOracle.Serialize(theirObject, 1);

        var ours = PsOracle.OurDocument(PsObject.CreateCustomObject((name, 1)));

        Assert.Equal(ClixmlCanonicalForm.Of(theirs), ClixmlCanonicalForm.Of(ours));
        Assert.Equal(name, ((PsObject)ClixmlReader.Deserialize(theirs)!).ExtendedProperties[0].Name);
    }

    [Fact]
    public void Property_lookup_is_case_insensitive_and_the_last_duplicate_wins_as_in_PowerShell()
    {
        const string Xml = "<Obj RefId=\"0\"><MS><I32 N=\"a\">1</I32><I32 N=\"A\">2</I32></MS></Obj>";

        var ours = (PsObject)ClixmlReader.Deserialize(Xml)!;
        var theirs = (PSObject)PsOracle.Deserialize(PsOracle.Wrap(Xml))!;

        Assert.Equal(theirs.Properties["a"].Value, ours["a"]);
        Assert.Equal(2, ours["a"]);
    }
}
