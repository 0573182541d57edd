using System.Text;
using Psrp.Serialization;

namespace Psrp.Fuzz.Targets;

/// <summary>
/// The CLIXML reader (core/Psrp.Core/Serialization) on message data or an <c>Objs</c> document,
/// with limits small enough to be reached; every value read is written back with the writer, which
/// is what the CLI's <c>--output clixml</c> does with received objects.
/// </summary>
public sealed class ClixmlTarget : IFuzzTarget
{
    private static readonly ClixmlLimits Limits = new() { MaxDepth = 32, MaxElements = 100_000, MaxStringLength = 1 << 20, MaxDocumentCharacters = 1 << 20 };

    /// <inheritdoc />
    public string Name => "clixml";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        IReadOnlyList<object?> values;
        try
        {
            values = ClixmlReader.DeserializeAll(input.ToArray(), Limits);
        }
        catch (PsrpProtocolException)
        {
            return;
        }

        foreach (var value in values)
        {
            _ = ClixmlWriter.SerializeToBytes(value);
        }
    }

    /// <inheritdoc />
    public IEnumerable<(string Name, byte[] Bytes)> Seeds(Golden golden)
    {
        foreach (var seed in golden.MessageData)
        {
            yield return seed;
        }

        yield return ("objs-document", Encoding.UTF8.GetBytes(
            "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
            + "<Obj RefId=\"0\"><TN RefId=\"0\"><T>System.Collections.Hashtable</T><T>System.Object</T></TN>"
            + "<DCT><En><S N=\"Key\">a</S><I32 N=\"Value\">1</I32></En><En><S N=\"Key\">b</S><Obj N=\"Value\" RefId=\"1\"><TNRef RefId=\"0\" /><LST><D>1.5</D><DT>2024-01-02T03:04:05Z</DT><G>a3b1a8f8-1f4e-4f38-9e27-6d7a1e2d6c11</G><BA>AQID</BA><SS>ZmFrZQ==</SS><Nil /><Ref RefId=\"0\" /></LST></Obj></En></DCT></Obj>"
            + "<S>x_x000A_y</S><C>65</C><TS>PT1.5S</TS><Version>1.2.3</Version><URI>http://x/</URI><XD>&lt;a/&gt;</XD><SBK>1+1</SBK><PR><AV>a</AV><AI>1</AI><Nil N=\"CurrentOperation\" /><PI>-1</PI><PC>50</PC><T>Processing</T><SR>-1</SR><SD>s</SD></PR>"
            + "</Objs>"));
    }
}
