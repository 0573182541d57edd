using System.Text;
using Psrp.Serialization;
using Psrp.Tests.Serialization.Support;

namespace Psrp.Tests.Serialization;

/// <summary>
/// Direction A: PowerShell serializes, we read. Our model must hold what PowerShell's own
/// deserializer makes of the same document — and, for plain data, the original value itself.
/// </summary>
public class PowerShellToReaderTests
{
    public static TheoryData<string> Cases => new(DifferentialCorpus.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reader_agrees_with_PowerShells_deserializer(string name)
    {
        var corpusCase = DifferentialCorpus.Get(name);
        var xml = corpusCase.PowerShellXml;

        var ours = ClixmlReader.Deserialize(xml);

        ModelComparer.AssertEquivalent(ours, PsOracle.Deserialize(xml), "against PSSerializer.Deserialize");
        if (corpusCase.ComparableToOriginal)
        {
            ModelComparer.AssertEquivalent(ours, corpusCase.Value, "against the original value");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Utf8_input_reads_the_same_as_text(string name)
    {
        var xml = DifferentialCorpus.Get(name).PowerShellXml;

        var fromBytes = ClixmlReader.Deserialize(Encoding.UTF8.GetBytes(xml));

        ModelComparer.AssertEquivalent(fromBytes, PsOracle.Deserialize(xml));
    }
}
