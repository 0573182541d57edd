using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;

namespace Psrp.Benchmarks.Clixml;

/// <summary>
/// Makes the benchmark documents with real PowerShell (in process) and caches the CLIXML text in
/// the temp folder, since BenchmarkDotNet runs every benchmark case in a fresh process.
/// </summary>
public static class PowerShellDocuments
{
    /// <summary>Serialization depth handed to <see cref="PSSerializer.Serialize(object, int)"/>.</summary>
    /// <remarks>
    /// Depth 1 is PSSerializer's own default. It already keeps both documents whole: PowerShell
    /// spends no depth on the array, on a custom object's note properties or on a hashtable's
    /// entries (checked: depths 1, 2 and 3 give the same text).
    /// </remarks>
    public const int Depth = 1;

    // Bump when a script or the depth changes, so a stale cache is never measured.
    private const string CacheVersion = "v1";

    /// <summary>How many top-level objects the document holds.</summary>
    public static int ObjectCount(BenchDocument document) => document switch
    {
        BenchDocument.Flat50k => 50_000,
        BenchDocument.VersionTable10k => 10_000,
        _ => throw new ArgumentOutOfRangeException(nameof(document), document, null),
    };

    /// <summary>The PowerShell script whose output the document serializes.</summary>
    public static string Script(BenchDocument document) => document switch
    {
        // B is 20 characters and differs per object, as real property strings do.
        BenchDocument.Flat50k => "1..50000 | % { [pscustomobject]@{ A = $_; B = 'item-' + $_.ToString('D15') } }",
        BenchDocument.VersionTable10k => "1..10000 | % { [pscustomobject]@{ name = $_; version = $PSVersionTable } }",
        _ => throw new ArgumentOutOfRangeException(nameof(document), document, null),
    };

    /// <summary>Where the cached CLIXML text of the document lives.</summary>
    public static string CachePath(BenchDocument document) =>
        Path.Combine(Path.GetTempPath(), "psrp-benchmarks", $"{document}-{CacheVersion}.clixml");

    /// <summary>Runs the document's script in a fresh runspace and returns its output as one array.</summary>
    /// <remarks>The first call in a process pays for PowerShell's start-up (a second or two).</remarks>
    public static object[] Generate(BenchDocument document)
    {
        // CreateDefault fails when hosted from a plain .NET app; CreateDefault2 loads only what it needs.
        using var ps = PowerShell.Create(InitialSessionState.CreateDefault2());
        ps.AddScript(Script(document));
        var results = ps.Invoke();
        if (ps.HadErrors)
        {
            throw new InvalidOperationException($"PowerShell failed to produce {document}: {ps.Streams.Error.FirstOrDefault()}");
        }

        var objects = new object[results.Count];
        for (var i = 0; i < objects.Length; i++)
        {
            objects[i] = results[i];
        }

        return objects;
    }

    /// <summary>Returns the document's CLIXML text, from the cache when it is there, else made and cached.</summary>
    public static string GetXml(BenchDocument document)
    {
        var path = CachePath(document);
        if (File.Exists(path))
        {
            return File.ReadAllText(path, Encoding.UTF8);
        }

        var xml = PSSerializer.Serialize(Generate(document), Depth);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Write then rename, so a process reading concurrently never sees half a document.
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, xml, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
        return xml;
    }
}
