using Psrp.Serialization;
using Psrp.Tests.Serialization.Support;

namespace Psrp.Tests.Serialization;

/// <summary>
/// Direction B: we serialize, PowerShell reads. PowerShell's deserializer must see the values we
/// wrote, whether we wrote model objects (what a client builds and sends) or plain .NET values.
/// </summary>
public class WriterToPowerShellTests
{
    public static TheoryData<string> Cases => new(DifferentialCorpus.Names);

    public static TheoryData<string> NetValues => new(DifferentialCorpus.WriterInputNames);

    /// <summary>
    /// Plain .NET values for which our layout differs from PowerShell's on purpose; each is still
    /// checked for value equality, just not for identical layout.
    /// </summary>
    private static readonly Dictionary<string, string> LayoutDivergences = new()
    {
        // PowerShell adds the set's adapted properties (Count, Comparer, …); we write items only.
        ["hashset"] = "no <Props> for collections",
        // PowerShell writes Uri.ToString() (unescaped); we write OriginalString, which round-trips exactly.
        ["uri:escaped"] = "OriginalString instead of ToString()",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PowerShell_reads_the_model_values_we_write(string name)
    {
        // The model of every corpus value, as our reader builds it from PowerShell's output.
        var model = ClixmlReader.Deserialize(DifferentialCorpus.Get(name).PowerShellXml);

        var document = PsOracle.OurDocument(model);

        ModelComparer.AssertEquivalent(model, PsOracle.Deserialize(document));
    }

    [Theory]
    [MemberData(nameof(NetValues))]
    public void PowerShell_reads_the_dotnet_values_we_write(string name)
    {
        var corpusCase = DifferentialCorpus.Get(name);

        var document = PsOracle.OurDocument(corpusCase.Value);

        // What we wrote, in our model, equals both the original and what PowerShell reads back.
        var ours = ClixmlReader.Deserialize(document);
        ModelComparer.AssertEquivalent(ours, corpusCase.Value, "our model of our bytes against the original");
        ModelComparer.AssertEquivalent(ours, PsOracle.Deserialize(document), "our model of our bytes against PowerShell's reading");
    }

    [Theory]
    [MemberData(nameof(NetValues))]
    public void Dotnet_values_are_laid_out_as_PowerShell_lays_them_out(string name)
    {
        if (LayoutDivergences.ContainsKey(name))
        {
            return;
        }

        var corpusCase = DifferentialCorpus.Get(name);

        var ours = ClixmlCanonicalForm.Of(PsOracle.OurDocument(corpusCase.Value));

        Assert.Equal(ClixmlCanonicalForm.Of(corpusCase.PowerShellXml), ours);
    }
}
