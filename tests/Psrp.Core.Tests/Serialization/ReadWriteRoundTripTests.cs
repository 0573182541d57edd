using Psrp.Serialization;
using Psrp.Tests.Serialization.Support;

namespace Psrp.Tests.Serialization;

/// <summary>
/// Values of types this library does not know must survive a relay: PowerShell's document read
/// into our model and written back is the same document (modulo indentation), so PowerShell
/// reads the same values from it as from the original.
/// </summary>
public class ReadWriteRoundTripTests
{
    public static TheoryData<string> Cases => new(DifferentialCorpus.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Read_then_write_reproduces_PowerShells_document(string name)
    {
        var original = DifferentialCorpus.Get(name).PowerShellXml;

        var rewritten = PsOracle.OurDocument(ClixmlReader.Deserialize(original));

        Assert.Equal(ClixmlCanonicalForm.Of(original), ClixmlCanonicalForm.Of(rewritten));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Read_write_read_is_lossless(string name)
    {
        var original = DifferentialCorpus.Get(name).PowerShellXml;
        var first = ClixmlReader.Deserialize(original);

        var second = ClixmlReader.Deserialize(PsOracle.OurDocument(first));

        // PowerShell's reading of the original is the yardstick for both generations.
        var theirs = PsOracle.Deserialize(original);
        ModelComparer.AssertEquivalent(first, theirs);
        ModelComparer.AssertEquivalent(second, theirs);
    }
}
