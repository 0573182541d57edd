using System.Text.RegularExpressions;

namespace Psrp.LocalServer.Tests.Support;

/// <summary>
/// One line of the out-of-proc framing (psrp-facts §6.1), built and parsed by hand: the core
/// library has no out-of-proc codec yet, and these tests check PowerShell's server against the
/// grammar as documented rather than against our own implementation of it.
/// </summary>
internal sealed partial record OutOfProcPacket(string Element, Guid PSGuid, string? Stream, byte[]? Data)
{
    public static string DataLine(Guid psGuid, ReadOnlySpan<byte> fragments, string stream = "Default") =>
        $"<Data Stream='{stream}' PSGuid='{psGuid}'>{Convert.ToBase64String(fragments)}</Data>";

    public static string CommandLine(Guid psGuid) => $"<Command PSGuid='{psGuid}' />";

    public static string CloseLine(Guid psGuid) => $"<Close PSGuid='{psGuid}' />";

    /// <summary>Parses a line exactly as the grammar allows it (single quotes, no extra attributes, lower-case GUID).</summary>
    /// <exception cref="FormatException">The line is not a packet.</exception>
    public static OutOfProcPacket Parse(string line)
    {
        Match data = DataPattern().Match(line);
        if (data.Success)
        {
            return new OutOfProcPacket("Data", Guid.Parse(data.Groups["guid"].Value), data.Groups["stream"].Value,
                Convert.FromBase64String(data.Groups["b64"].Value));
        }

        Match other = EmptyElementPattern().Match(line);
        if (other.Success)
        {
            return new OutOfProcPacket(other.Groups["name"].Value, Guid.Parse(other.Groups["guid"].Value), null, null);
        }

        throw new FormatException($"Not an out-of-proc packet: '{line}'");
    }

    public override string ToString() => Data is null
        ? $"<{Element} PSGuid='{PSGuid}' />"
        : $"<Data Stream='{Stream}' PSGuid='{PSGuid}'> ({Data.Length} bytes)";

    [GeneratedRegex("^<Data Stream='(?<stream>Default|PromptResponse)' PSGuid='(?<guid>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'>(?<b64>[A-Za-z0-9+/]+={0,2})</Data>$", RegexOptions.CultureInvariant)]
    private static partial Regex DataPattern();

    [GeneratedRegex("^<(?<name>DataAck|Command|CommandAck|Signal|SignalAck|Close|CloseAck) PSGuid='(?<guid>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})' />$", RegexOptions.CultureInvariant)]
    private static partial Regex EmptyElementPattern();
}
