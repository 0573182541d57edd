using Psrp.Messages;
using System.Text;
using Psrp.Fragments;

namespace Psrp.Fuzz;

/// <summary>
/// The golden captures (tests/Psrp.Core.Tests/TestData/golden, psrp-facts §13) in the shapes the
/// targets take: transport payloads (fragment streams), whole messages, and message data (CLIXML).
/// </summary>
public sealed class Golden
{
    private Golden(IReadOnlyList<(string Name, byte[] Bytes)> payloads)
    {
        Payloads = payloads;
        var messages = new List<(string, byte[])>();
        foreach (var (name, bytes) in payloads)
        {
            using var assembler = new FragmentAssembler();
            assembler.Feed(bytes);
            var index = 0;
            while (assembler.TryRead(out var message))
            {
                using (message)
                {
                    messages.Add(($"{name}.msg{index++}", message.Memory.ToArray()));
                }
            }
        }

        Messages = messages;
    }

    /// <summary>Each <c>.b64</c> capture: one transport payload of one or more fragments.</summary>
    public IReadOnlyList<(string Name, byte[] Bytes)> Payloads { get; }

    /// <summary>Every message of every payload (40-byte header and data).</summary>
    public IReadOnlyList<(string Name, byte[] Bytes)> Messages { get; }

    /// <summary>The data of every message that has some (CLIXML, BOM removed).</summary>
    public IEnumerable<(string Name, byte[] Bytes)> MessageData =>
        Messages.Select(m => (m.Name, PsrpMessage.Decode(m.Bytes).Data.ToArray())).Where(m => m.Item2.Length > 0);

    /// <summary>Reads the captures from <paramref name="goldenDirectory"/>.</summary>
    public static Golden Load(string goldenDirectory) =>
        new(Directory.GetFiles(goldenDirectory, "*.b64").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileNameWithoutExtension(f), Convert.FromBase64String(File.ReadAllText(f, Encoding.ASCII).Trim())))
            .ToList());
}
