using System.Buffers;
using System.Management.Automation;
using System.Text;
using Psrp.Serialization;

namespace Psrp.Tests.Serialization.Support;

/// <summary>PowerShell's own serializer as the reference, plus the glue to hand it our bytes.</summary>
internal static class PsOracle
{
    public const string ObjsOpen = "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">";

    /// <summary>PowerShell's CLIXML for one value (an indented <c>Objs</c> document).</summary>
    public static string Serialize(object? value, int depth) => PSSerializer.Serialize(value, depth);

    /// <summary>What PowerShell makes of a CLIXML document holding exactly one value.</summary>
    public static object? Deserialize(string document) => PSSerializer.Deserialize(document);

    /// <summary>Our writer's output for one value, wrapped as a document PowerShell can read.</summary>
    public static string OurDocument(object? value, int maxDepth = 128)
    {
        var buffer = new ArrayBufferWriter<byte>();
        ClixmlWriter.SerializeDocument(buffer, [value], maxDepth);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Wraps a bare PSRP message body (no root) as a document.</summary>
    public static string Wrap(string body) => ObjsOpen + body + "</Objs>";
}
