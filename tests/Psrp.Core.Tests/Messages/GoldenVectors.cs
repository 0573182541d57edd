using System.Globalization;
using System.Text.RegularExpressions;

namespace Psrp.Tests.Messages;

/// <summary>One "fragment @offset: …" line of psrp-facts §13, as extracted into expected.txt.</summary>
internal sealed record GoldenFragment(
    string File,
    int Offset,
    ulong ObjectId,
    ulong FragmentId,
    byte Flags,
    int BlobLength,
    uint Destination,
    uint MessageType,
    string RunspacePoolIdHex,
    string PipelineIdHex,
    int DataLength,
    bool StartsWithBom);

/// <summary>Loads the files under TestData/golden (see the README there for their origin).</summary>
internal static partial class GoldenVectors
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "TestData", "golden");

    public static byte[] Base64(string file) =>
        Convert.FromBase64String(File.ReadAllText(Path.Combine(Directory, file)).Trim());

    public static byte[] Hex(string file) =>
        Convert.FromHexString(File.ReadAllText(Path.Combine(Directory, file)).Replace(" ", "", StringComparison.Ordinal).Trim());

    /// <summary>The decoded data of message <paramref name="index"/> of a payload file, if §13 shows it.</summary>
    public static byte[]? MessageText(string payloadFile, int index)
    {
        string path = Path.Combine(Directory, $"{Path.GetFileNameWithoutExtension(payloadFile)}.msg{index}.txt");
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    public static IReadOnlyList<GoldenFragment> Expected { get; } = LoadExpected();

    public static IReadOnlyList<GoldenFragment> ExpectedFor(string file) => Expected.Where(e => e.File == file).ToList();

    private static List<GoldenFragment> LoadExpected()
    {
        var result = new List<GoldenFragment>();
        foreach (string line in File.ReadAllLines(Path.Combine(Directory, "expected.txt")))
        {
            if (line.Length == 0)
            {
                continue;
            }

            Match m = ExpectedLine().Match(line);
            Assert.True(m.Success, $"unparsed line in expected.txt: {line}");
            result.Add(new GoldenFragment(
                m.Groups["file"].Value,
                int.Parse(m.Groups["offset"].Value, CultureInfo.InvariantCulture),
                ulong.Parse(m.Groups["oid"].Value, CultureInfo.InvariantCulture),
                ulong.Parse(m.Groups["fid"].Value, CultureInfo.InvariantCulture),
                byte.Parse(m.Groups["flags"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                int.Parse(m.Groups["blob"].Value, CultureInfo.InvariantCulture),
                uint.Parse(m.Groups["dest"].Value, CultureInfo.InvariantCulture),
                uint.Parse(m.Groups["type"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                m.Groups["rpid"].Value,
                m.Groups["pid"].Value,
                int.Parse(m.Groups["len"].Value, CultureInfo.InvariantCulture),
                m.Groups["bom"].Success));
        }

        return result;
    }

    [GeneratedRegex(@"^(?<file>[^|]+)\|fragment @(?<offset>\d+): ObjectId=(?<oid>\d+) FragmentId=(?<fid>\d+) Flags=0x(?<flags>[0-9A-Fa-f]{2}) BlobLength=(?<blob>\d+); Destination=(?<dest>\d+) MessageType=0x(?<type>[0-9A-Fa-f]{8}) RPID bytes=(?<rpid>[0-9a-f]{32}) PID bytes=(?<pid>[0-9a-f]{32}); data (?<len>\d+) bytes(?<bom>, starts with UTF-8 BOM)?$")]
    private static partial Regex ExpectedLine();
}
