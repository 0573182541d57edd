using System.Buffers;
using System.Text;
using Psrp.Fragments;
using Psrp.Messages;

namespace Psrp.Tests.Messages;

public class PsrpMessageTests
{
    private static readonly Guid Pool = Guid.Parse("76056A84-51DC-4F24-9262-CA2A55464B2B");
    private static readonly Guid Pipeline = Guid.Parse("5312EA72-F75E-409A-8950-BE4CD921563C");

    [Fact]
    public void Encode_WritesLittleEndianIntegersAndGuidByteArrayLayout()
    {
        var message = new PsrpMessage(Destination.Server, MessageType.CreatePipeline, Pool, Pipeline, "<S />"u8.ToArray());

        byte[] bytes = message.ToArray();

        Assert.Equal(45, bytes.Length);
        Assert.Equal("02000000" + "06100200", Convert.ToHexStringLower(bytes.AsSpan(0, 8)));
        Assert.Equal(Pool.ToByteArray(), bytes[8..24]);
        Assert.Equal("846a0576dc51244f9262ca2a55464b2b", Convert.ToHexStringLower(bytes.AsSpan(8, 16)));
        Assert.Equal(Pipeline.ToByteArray(), bytes[24..40]);
        Assert.Equal("<S />"u8.ToArray(), bytes[40..]);
    }

    [Fact]
    public void Decode_RoundTripsEncode()
    {
        var message = new PsrpMessage(Destination.Client, MessageType.PipelineOutput, Pool, Pipeline, "<I32>1</I32>"u8.ToArray());

        PsrpMessage decoded = PsrpMessage.Decode(message.ToArray());

        Assert.Equal(Destination.Client, decoded.Destination);
        Assert.Equal(MessageType.PipelineOutput, decoded.MessageType);
        Assert.Equal(Pool, decoded.RunspacePoolId);
        Assert.Equal(Pipeline, decoded.PipelineId);
        Assert.Equal("<I32>1</I32>"u8.ToArray(), decoded.Data.ToArray());
        Assert.True(decoded.IsKnownType);
        Assert.Equal(MessageTarget.Pipeline, decoded.Target);
    }

    [Fact]
    public void Decode_HeaderOnly_HasEmptyData()
    {
        byte[] bytes = new PsrpMessage(Destination.Server, MessageType.EndOfPipelineInput, Pool, Pipeline, default).ToArray();

        PsrpMessage decoded = PsrpMessage.Decode(bytes);

        Assert.Equal(40, bytes.Length);
        Assert.True(decoded.Data.IsEmpty);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(39)]
    public void Decode_ShorterThanHeader_ThrowsInvalidMessageHeader(int length)
    {
        var ex = Assert.Throws<PsrpProtocolException>(() => PsrpMessage.Decode(new byte[length]));

        Assert.Equal(PsrpProtocolError.InvalidMessageHeader, ex.Code);
        Assert.Contains(length.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortObjectFromAssembler_ThrowsInvalidMessageHeader()
    {
        var writer = new ArrayBufferWriter<byte>();
        new Fragmenter().Write(new byte[12], writer);
        using var assembler = new FragmentAssembler();
        assembler.Feed(writer.WrittenSpan);
        Assert.True(assembler.TryRead(out AssembledObject? obj));
        using (obj)
        {
            var ex = Assert.Throws<PsrpProtocolException>(() => PsrpMessage.Decode(obj.Memory));
            Assert.Equal(PsrpProtocolError.InvalidMessageHeader, ex.Code);
        }
    }

    [Fact]
    public void Decode_UnknownTypeAndDestination_AreKeptNotRejected()
    {
        byte[] bytes = new byte[41];
        bytes[0] = 0x09;
        bytes[4] = 0x99;
        bytes[5] = 0x10;
        bytes[6] = 0x04;

        PsrpMessage decoded = PsrpMessage.Decode(bytes);

        Assert.Equal((Destination)9, decoded.Destination);
        Assert.Equal(0x00041099u, (uint)decoded.MessageType);
        Assert.False(decoded.IsKnownType);
        Assert.Equal(MessageTarget.Pipeline, decoded.Target);
        Assert.Equal(bytes, decoded.ToArray());
    }

    [Fact]
    public void Decode_StripsOnlyOneLeadingBom()
    {
        byte[] header = new PsrpMessage(Destination.Client, MessageType.PipelineOutput, Pool, Guid.Empty, default).ToArray();
        byte[] doubleBom = [.. header, 0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 0x41];
        byte[] partialBom = [.. header, 0xEF, 0xBB, 0x41];

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF, 0x41 }, PsrpMessage.Decode(doubleBom).Data.ToArray());
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0x41 }, PsrpMessage.Decode(partialBom).Data.ToArray());
    }

    [Fact]
    public void Encode_ToBufferWriterAndSpan_AgreeAndRejectShortSpans()
    {
        var message = new PsrpMessage(Destination.Server, MessageType.PipelineInput, Pool, Pipeline, Encoding.UTF8.GetBytes("<S>x</S>"));
        var writer = new ArrayBufferWriter<byte>();

        message.Encode(writer);

        Assert.Equal(message.ToArray(), writer.WrittenSpan.ToArray());
        Assert.Equal(48, message.EncodedLength);
        Assert.Throws<ArgumentException>(() => message.Encode(new byte[47]));
        Assert.Throws<ArgumentException>(() => message.WriteHeader(new byte[39]));
    }

    [Fact]
    public void WriteMessage_FragmentsHeaderAndDataLikeTheJoinedMessage()
    {
        byte[] data = new byte[70_000];
        new Random(8).NextBytes(data);
        var message = new PsrpMessage(Destination.Server, MessageType.PipelineInput, Pool, Pipeline, data);

        var direct = new ArrayBufferWriter<byte>();
        new Fragmenter().WriteMessage(message, direct);
        var joined = new ArrayBufferWriter<byte>();
        new Fragmenter().Write(message.ToArray(), joined);

        Assert.Equal(joined.WrittenSpan.ToArray(), direct.WrittenSpan.ToArray());
    }
}
