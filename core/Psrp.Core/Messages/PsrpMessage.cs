using System.Buffers;
using System.Buffers.Binary;

namespace Psrp.Messages;

/// <summary>
/// One PSRP message: the 40-byte header (destination, type, runspace pool id, pipeline id) and
/// the data, normally one UTF-8 CLIXML object (MS-PSRP 2.2.1).
/// </summary>
/// <remarks>
/// Integers in the header are little-endian and the GUIDs use the .NET <see cref="Guid.ToByteArray()"/>
/// layout. A decoded message's <see cref="Data"/> is a slice of the bytes it was decoded from,
/// so it is only valid as long as they are (for example until the
/// <see cref="Fragments.AssembledObject"/> holding them is disposed).
/// </remarks>
public readonly struct PsrpMessage
{
    /// <summary>Size of the message header in bytes.</summary>
    public const int HeaderSize = 40;

    private const int MessageTypeOffset = 4;
    private const int RunspacePoolIdOffset = 8;
    private const int PipelineIdOffset = 24;
    private const int GuidSize = 16;

    // PowerShell writes its XML through an Encoding.UTF8 writer and so prefixes this preamble;
    // pypsrp/psrpcore do not. Both forms are valid input.
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Creates a message.</summary>
    /// <param name="destination">Who the message is for.</param>
    /// <param name="messageType">What the message is.</param>
    /// <param name="runspacePoolId">The runspace pool it concerns.</param>
    /// <param name="pipelineId">The pipeline it concerns, or <see cref="Guid.Empty"/> when it concerns none.</param>
    /// <param name="data">The message data, normally UTF-8 CLIXML without a byte-order mark; may be empty.</param>
    public PsrpMessage(Destination destination, MessageType messageType, Guid runspacePoolId, Guid pipelineId, ReadOnlyMemory<byte> data)
    {
        Destination = destination;
        MessageType = messageType;
        RunspacePoolId = runspacePoolId;
        PipelineId = pipelineId;
        Data = data;
    }

    /// <summary>Who the message is for. A decoded value is kept as sent, even if not a named member.</summary>
    public Destination Destination { get; }

    /// <summary>What the message is. A decoded value is kept as sent, even if not a named member (see <see cref="IsKnownType"/>).</summary>
    public MessageType MessageType { get; }

    /// <summary>
    /// The runspace pool the message concerns. Servers send some session-level replies
    /// (SESSION_CAPABILITY, ENCRYPTED_SESSION_KEY, PUBLIC_KEY_REQUEST) with <see cref="Guid.Empty"/>.
    /// </summary>
    public Guid RunspacePoolId { get; }

    /// <summary>The pipeline the message concerns, or <see cref="Guid.Empty"/> when it concerns none.</summary>
    public Guid PipelineId { get; }

    /// <summary>The message data after the header, without any byte-order mark.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Whether <see cref="MessageType"/> is a named <see cref="Messages.MessageType"/> member.</summary>
    public bool IsKnownType => MessageType.IsKnown();

    /// <summary>What the message addresses, from the high bits of <see cref="MessageType"/>.</summary>
    public MessageTarget Target => MessageType.GetTarget();

    /// <summary>Size of the encoded message: header plus data.</summary>
    public int EncodedLength => HeaderSize + Data.Length;

    /// <summary>
    /// Decodes a message. Unknown message types and destinations are kept, not rejected; a UTF-8
    /// byte-order mark at the start of the data is skipped.
    /// </summary>
    /// <param name="message">The whole message, typically a reassembled object. <see cref="Data"/> points into it.</param>
    /// <returns>The message.</returns>
    /// <exception cref="PsrpProtocolException">The message is shorter than its header
    /// (<see cref="PsrpProtocolError.InvalidMessageHeader"/>).</exception>
    public static PsrpMessage Decode(ReadOnlyMemory<byte> message)
    {
        ReadOnlySpan<byte> bytes = message.Span;
        if (bytes.Length < HeaderSize)
        {
            throw new PsrpProtocolException(PsrpProtocolError.InvalidMessageHeader,
                $"A PSRP message of {bytes.Length} bytes is shorter than the {HeaderSize}-byte message header.");
        }

        var destination = (Destination)BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        var type = (MessageType)BinaryPrimitives.ReadUInt32LittleEndian(bytes[MessageTypeOffset..]);
        var runspacePoolId = new Guid(bytes.Slice(RunspacePoolIdOffset, GuidSize));
        var pipelineId = new Guid(bytes.Slice(PipelineIdOffset, GuidSize));

        ReadOnlyMemory<byte> data = message[HeaderSize..];
        if (data.Span.StartsWith(Utf8Bom))
        {
            data = data[Utf8Bom.Length..];
        }

        return new PsrpMessage(destination, type, runspacePoolId, pipelineId, data);
    }

    /// <summary>Writes the 40-byte header, for callers that send header and data separately
    /// (see <see cref="MessageFragmenterExtensions.WriteMessage"/>).</summary>
    /// <param name="destination">At least <see cref="HeaderSize"/> bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public void WriteHeader(Span<byte> destination)
    {
        if (destination.Length < HeaderSize)
        {
            throw new ArgumentException($"A PSRP message header needs {HeaderSize} bytes; the destination has {destination.Length}.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)Destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[MessageTypeOffset..], (uint)MessageType);
        RunspacePoolId.TryWriteBytes(destination.Slice(RunspacePoolIdOffset, GuidSize));
        PipelineId.TryWriteBytes(destination.Slice(PipelineIdOffset, GuidSize));
    }

    /// <summary>Writes header and data. No byte-order mark is added.</summary>
    /// <param name="destination">At least <see cref="EncodedLength"/> bytes.</param>
    /// <returns>The number of bytes written, <see cref="EncodedLength"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public int Encode(Span<byte> destination)
    {
        int length = EncodedLength;
        if (destination.Length < length)
        {
            throw new ArgumentException($"The message needs {length} bytes; the destination has {destination.Length}.", nameof(destination));
        }

        WriteHeader(destination);
        Data.Span.CopyTo(destination[HeaderSize..]);
        return length;
    }

    /// <summary>Writes header and data. No byte-order mark is added.</summary>
    /// <param name="output">Receives <see cref="EncodedLength"/> bytes.</param>
    public void Encode(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int length = EncodedLength;
        Span<byte> destination = output.GetSpan(length);
        Encode(destination);
        output.Advance(length);
    }

    /// <summary>Encodes the message into a new array; convenient for tests and one-off sends.</summary>
    /// <returns>Header and data.</returns>
    public byte[] ToArray()
    {
        byte[] bytes = new byte[EncodedLength];
        Encode(bytes);
        return bytes;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Destination} {MessageType} (0x{(uint)MessageType:X8}) RPID={RunspacePoolId} PID={PipelineId} Data={Data.Length} bytes";
}
