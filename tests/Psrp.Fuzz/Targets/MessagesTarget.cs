using Psrp.Messages;
using Psrp.Serialization;

namespace Psrp.Fuzz.Targets;

/// <summary>
/// A whole message (40-byte header and data) through <see cref="PsrpMessage.Decode"/> and
/// <see cref="PsrpPayloadCodec.Decode"/> into its payload record. A message of an unknown type is
/// also decoded as the known type its number selects, so mutated headers still reach every record.
/// </summary>
public sealed class MessagesTarget : IFuzzTarget
{
    private static readonly MessageType[] Known = Enum.GetValues<MessageType>();

    // Small enough that the limit checks are reachable; large enough for every golden message.
    private static readonly ClixmlLimits Limits = new() { MaxDepth = 32, MaxDocumentCharacters = 1 << 20 };

    /// <inheritdoc />
    public string Name => "messages";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        var bytes = input.ToArray();
        try
        {
            var message = PsrpMessage.Decode(bytes);
            _ = message.Target;
            Decode(message.MessageType, message.Data);
            if (!message.IsKnownType)
            {
                Decode(Known[(uint)message.MessageType % (uint)Known.Length], message.Data);
            }
        }
        catch (PsrpProtocolException)
        {
        }
    }

    private static void Decode(MessageType type, ReadOnlyMemory<byte> data)
    {
        try
        {
            var payload = PsrpPayloadCodec.Decode(type, data, Limits);

            // A decoded record must encode again: the client echoes some (host responses, keys).
            _ = PsrpPayloadCodec.Encode(payload, new Version(2, 3));
        }
        catch (PsrpProtocolException)
        {
        }
    }

    /// <inheritdoc />
    public IEnumerable<(string Name, byte[] Bytes)> Seeds(Golden golden) => golden.Messages;
}
