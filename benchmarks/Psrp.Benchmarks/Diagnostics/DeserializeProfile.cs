using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using System.Xml;
using Psrp.Benchmarks.Clixml;
using Psrp.Serialization;

namespace Psrp.Benchmarks.Diagnostics;

/// <summary>
/// <c>--profile</c>: where deserialization time and allocations go. For each document it times,
/// and counts the allocations of, our reader, PSSerializer, and two floors that every
/// <see cref="XmlReader"/>-based reader pays: tokenizing only, and tokenizing plus materializing
/// every attribute and text value as a string (what ClixmlReader does today). Then it prints a
/// sampled allocation breakdown by type for our reader. Rough numbers (best of a few runs in
/// one process); the BenchmarkDotNet run is the measurement of record.
/// </summary>
public static class DeserializeProfile
{
    private const int Runs = 7;

    /// <summary>Runs the profile and prints it.</summary>
    public static void Run(TextWriter output)
    {
        foreach (var document in Enum.GetValues<BenchDocument>())
        {
            var xml = PowerShellDocuments.GetXml(document);
            ReadOnlyMemory<byte> utf8 = Encoding.UTF8.GetBytes(xml);
            var objects = PowerShellDocuments.ObjectCount(document);
            var ours = new System.Buffers.ArrayBufferWriter<byte>();
            ClixmlWriter.SerializeDocument(ours, ClixmlReader.DeserializeAll(utf8));
            output.WriteLine($"## {document}: {xml.Length:N0} chars, {utf8.Length:N0} UTF-8 bytes, {objects:N0} objects, {CountElements(utf8):N0} elements");
            output.WriteLine();
            output.WriteLine($"PowerShell's text is indented; ClixmlWriter re-serializes the same values to {ours.WrittenCount:N0} bytes (no indentation, as on the wire).");
            output.WriteLine();
            output.WriteLine("| step | best ms | MB/s | allocated/op | bytes/object |");
            output.WriteLine("|---|---:|---:|---:|---:|");
            Measure(output, "PSSerializer.Deserialize(string)", objects, utf8.Length, () => PSSerializer.Deserialize(xml));
            Measure(output, "ClixmlReader.DeserializeAll(UTF-8)", objects, utf8.Length, () => ClixmlReader.DeserializeAll(utf8));
            Measure(output, "ClixmlReader.DeserializeAll(string)", objects, utf8.Length, () => ClixmlReader.DeserializeAll(xml));
            Measure(output, "floor: XmlReader(UTF-8) Read() only", objects, utf8.Length, () => ScanUtf8(utf8, materialize: false));
            Measure(output, "floor: XmlReader(UTF-8) Read() + every value as string", objects, utf8.Length, () => ScanUtf8(utf8, materialize: true));
            output.WriteLine();

            // Listening only now, so the timings above carry no event overhead.
            using var sampler = new AllocationSampler();
            GC.Collect();
            sampler.Recording = true;
            for (var i = 0; i < Runs; i++)
            {
                GC.KeepAlive(ClixmlReader.DeserializeAll(utf8));
            }

            sampler.Recording = false;
            var breakdown = sampler.TakeBreakdown();
            var total = breakdown.Sum(p => p.Value);
            output.WriteLine($"Sampled allocations of ClixmlReader.DeserializeAll(UTF-8), {Runs} runs (GCAllocationTick, ~100 KB granularity):");
            output.WriteLine();
            output.WriteLine("| type | share | ≈ bytes/object |");
            output.WriteLine("|---|---:|---:|");
            foreach (var (type, bytes) in breakdown.Take(12))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| `{type}` | {100.0 * bytes / total:F1}% | {(double)bytes / Runs / objects:F0} |"));
            }

            output.WriteLine();
        }
    }

    /// <summary>
    /// <c>--spin DOCUMENT [SECONDS]</c>: only our UTF-8 deserializer, in a loop, so a sampling
    /// profiler sees nothing else, e.g.
    /// <c>dotnet-trace collect -- dotnet Psrp.Benchmarks.dll --spin Flat50k 15</c>.
    /// </summary>
    public static void Spin(BenchDocument document, TimeSpan duration, TextWriter output)
    {
        ReadOnlyMemory<byte> utf8 = Encoding.UTF8.GetBytes(PowerShellDocuments.GetXml(document));
        var watch = Stopwatch.StartNew();
        var runs = 0;
        while (watch.Elapsed < duration)
        {
            GC.KeepAlive(ClixmlReader.DeserializeAll(utf8));
            runs++;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{document}: {runs} runs, {watch.Elapsed.TotalMilliseconds / runs:F1} ms each"));
    }

    private static void Measure(TextWriter output, string step, int objects, int bytes, Func<object> action)
    {
        GC.KeepAlive(action()); // warm up: JIT, PowerShell's type tables
        var best = double.MaxValue;
        long allocated = 0;
        for (var i = 0; i < Runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(action());
            watch.Stop();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {step} | {best:F1} | {bytes / best / 1000:F0} | {allocated / 1048576.0:F1} MiB | {(double)allocated / objects:F0} |"));
    }

    private static XmlReader CreateReader(ReadOnlyMemory<byte> utf8)
    {
        // No copy of the document: the floor must not pay for something the reader does not do.
        var stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(utf8, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(utf8.ToArray(), writable: false);
        return XmlReader.Create(stream, new XmlReaderSettings
        {
            ConformanceLevel = ConformanceLevel.Fragment,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            CheckCharacters = false,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        });
    }

    private static int CountElements(ReadOnlyMemory<byte> utf8)
    {
        using var reader = CreateReader(utf8);
        var count = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                count++;
            }
        }

        return count;
    }

    private static object ScanUtf8(ReadOnlyMemory<byte> utf8, bool materialize)
    {
        using var reader = CreateReader(utf8);
        long characters = 0;
        while (reader.Read())
        {
            if (!materialize)
            {
                continue;
            }

            if (reader.NodeType == XmlNodeType.Element && reader.MoveToFirstAttribute())
            {
                do
                {
                    characters += reader.Value.Length;
                }
                while (reader.MoveToNextAttribute());
                reader.MoveToElement();
            }
            else if (reader.NodeType == XmlNodeType.Text)
            {
                characters += reader.Value.Length;
            }
        }

        return characters;
    }
}
