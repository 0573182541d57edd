using System.Text;
using Psrp.Messages;

namespace Psrp.Diagnostics;

/// <summary>A PSRP message reassembled from a trace or a blob.</summary>
/// <param name="Direction">Which way it went.</param>
/// <param name="Destination">The destination field of its header.</param>
/// <param name="Type">Its message type (possibly one this library does not know).</param>
/// <param name="RunspacePoolId">RPID.</param>
/// <param name="PipelineId">PID (empty for pool and session messages).</param>
/// <param name="ObjectId">The fragment object id it travelled as (0 for a bare message).</param>
/// <param name="Length">Whole message length, 40-byte header included.</param>
/// <param name="Data">The CLIXML data bytes (BOM included when the sender wrote one).</param>
public sealed record DecodedMessage(
    WireDirection Direction,
    Destination Destination,
    MessageType Type,
    Guid RunspacePoolId,
    Guid PipelineId,
    ulong ObjectId,
    int Length,
    ReadOnlyMemory<byte> Data)
{
    /// <summary>The type's name, or its hex value when unknown.</summary>
    public string TypeName => MessageTypeNames.Of(Type);

    /// <summary>The data as text (UTF-8, BOM removed).</summary>
    public string DataText
    {
        get
        {
            var span = Data.Span;
            if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                span = span[3..];
            }

            return Encoding.UTF8.GetString(span);
        }
    }
}
