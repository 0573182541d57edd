using System.Buffers;
using System.Management.Automation;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Psrp.Serialization;

namespace Psrp.Benchmarks.Clixml;

/// <summary>
/// Our CLIXML reader and writer against PowerShell's <see cref="PSSerializer"/>, on documents
/// real PowerShell produced. PowerShell is the baseline of each category, so the Ratio column is
/// our time over PowerShell's.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
public class ClixmlBenchmarks
{
    private const string Deserialize = "Deserialize";
    private const string Serialize = "Serialize";

    private string _xml = string.Empty;
    private ReadOnlyMemory<byte> _utf8;
    private object[] _powerShellObjects = [];
    private IReadOnlyList<object?> _ourValues = [];
    private ArrayBufferWriter<byte> _output = null!;

    /// <summary>Which document.</summary>
    [ParamsAllValues]
    public BenchDocument Document { get; set; }

    /// <summary>Loads the document as text and UTF-8 and checks both readers agree on its shape.</summary>
    [GlobalSetup(Targets = new[] { nameof(PowerShellDeserialize), nameof(OursDeserializeUtf8), nameof(OursDeserializeString) })]
    public void SetupDeserialize()
    {
        LoadDocument();
        CheckPowerShellReads(_xml, "the document");
    }

    /// <summary>Makes PowerShell's original objects: PSSerializer serializes live objects, not our model.</summary>
    [GlobalSetup(Target = nameof(PowerShellSerialize))]
    public void SetupPowerShellSerialize() => _powerShellObjects = PowerShellDocuments.Generate(Document);

    /// <summary>Reads the document into our object model, the input of our writer.</summary>
    [GlobalSetup(Targets = new[] { nameof(OursSerializeUtf8), nameof(OursSerializeString) })]
    public void SetupOursSerialize()
    {
        LoadDocument();
        _ourValues = ClixmlReader.DeserializeAll(_utf8);
        _output = new ArrayBufferWriter<byte>(_utf8.Length);

        // Our output must be a document PowerShell reads back whole, or the comparison means nothing.
        CheckPowerShellReads(OursSerializeString(), "our re-serialized document");
    }

    /// <summary>PowerShell: text in, live objects out.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Deserialize)]
    public object PowerShellDeserialize() => PSSerializer.Deserialize(_xml);

    /// <summary>Ours from the UTF-8 bytes, the form that arrives off the wire.</summary>
    [Benchmark, BenchmarkCategory(Deserialize)]
    public IReadOnlyList<object?> OursDeserializeUtf8() => ClixmlReader.DeserializeAll(_utf8);

    /// <summary>Ours from the same string PSSerializer gets: like for like.</summary>
    [Benchmark, BenchmarkCategory(Deserialize)]
    public IReadOnlyList<object?> OursDeserializeString() => ClixmlReader.DeserializeAll(_xml);

    /// <summary>PowerShell: the original objects to a string, at the depth the document was made with.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Serialize)]
    public string PowerShellSerialize() => PSSerializer.Serialize(_powerShellObjects, PowerShellDocuments.Depth);

    /// <summary>Ours into a reused UTF-8 buffer, as a sender writes into its fragmenter's input.</summary>
    [Benchmark, BenchmarkCategory(Serialize)]
    public int OursSerializeUtf8()
    {
        _output.ResetWrittenCount();
        ClixmlWriter.SerializeDocument(_output, _ourValues);
        return _output.WrittenCount;
    }

    /// <summary>Ours to a fresh string, growing its buffer from small: like for like with PSSerializer.</summary>
    [Benchmark, BenchmarkCategory(Serialize)]
    public string OursSerializeString()
    {
        var buffer = new ArrayBufferWriter<byte>();
        ClixmlWriter.SerializeDocument(buffer, _ourValues);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void CheckPowerShellReads(string xml, string what)
    {
        var theirs = PSSerializer.Deserialize(xml);
        var theirCount = (theirs is PSObject wrapped ? wrapped.BaseObject : theirs) is System.Collections.ICollection c ? c.Count : -1;
        if (theirCount != PowerShellDocuments.ObjectCount(Document))
        {
            throw new InvalidOperationException($"PSSerializer read {theirCount} objects from {what} ({Document}).");
        }
    }

    private void LoadDocument()
    {
        _xml = PowerShellDocuments.GetXml(Document);
        _utf8 = Encoding.UTF8.GetBytes(_xml);
        var ours = ClixmlReader.DeserializeAll(_utf8);
        var ourCount = ours is [PsObject { List: { } list }] ? list.Count : -1;
        if (ourCount != PowerShellDocuments.ObjectCount(Document))
        {
            throw new InvalidOperationException($"Our reader read {ourCount} objects from {Document}.");
        }
    }
}
