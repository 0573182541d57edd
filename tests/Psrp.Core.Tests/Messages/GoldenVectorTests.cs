using System.Buffers;
using Psrp.Fragments;
using Psrp.Messages;

namespace Psrp.Tests.Messages;

/// <summary>Real captures from psrp-facts §13, checked against the values the fact sheet states.</summary>
public class GoldenVectorTests
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private static readonly string[] PayloadFiles =
    [
        "gv1-creation.b64",
        "gv2-session-capability.b64",
        "gv2-application-private-data.b64",
        "gv3-runspacepool-state.b64",
        "gv4-pipeline-input.b64",
        "gv5-create-pipeline.b64",
        "gv6-connect.b64",
        "gv6-connect-response.b64",
        "gv7-host-call.b64",
        "gv7-host-response.b64",
        "gv8-public-key.b64",
        "gv8-encrypted-session-key.b64",
    ];

    public static TheoryData<string> Payloads => new(PayloadFiles);

    [Fact]
    public void EveryPayloadHasExpectations()
    {
        Assert.Equal(PayloadFiles.ToHashSet(), GoldenVectors.Expected.Select(e => e.File).ToHashSet());
        Assert.Equal(18, GoldenVectors.Expected.Count);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void FragmentHeaders_MatchTheFactSheet(string file)
    {
        byte[] payload = GoldenVectors.Base64(file);
        var expected = GoldenVectors.ExpectedFor(file);

        int offset = 0;
        var actual = new List<(int Offset, FragmentHeader Header)>();
        while (offset < payload.Length)
        {
            Assert.True(FragmentHeader.TryRead(payload.AsSpan(offset), out FragmentHeader header));
            actual.Add((offset, header));
            offset += FragmentHeader.Size + header.BlobLength;
        }

        Assert.Equal(payload.Length, offset);
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Offset, actual[i].Offset);
            Assert.Equal(expected[i].ObjectId, actual[i].Header.ObjectId);
            Assert.Equal(expected[i].FragmentId, actual[i].Header.FragmentId);
            Assert.Equal(expected[i].Flags, (byte)actual[i].Header.Flags);
            Assert.Equal(expected[i].BlobLength, actual[i].Header.BlobLength);
        }
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Messages_MatchTheFactSheet(string file)
    {
        var expected = GoldenVectors.ExpectedFor(file);
        var objects = Assemble(GoldenVectors.Base64(file), chunk: int.MaxValue);

        Assert.Equal(expected.Count, objects.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            GoldenFragment e = expected[i];
            byte[] raw = objects[i];
            PsrpMessage message = PsrpMessage.Decode(raw);

            Assert.Equal(e.Destination, (uint)message.Destination);
            Assert.Equal(e.MessageType, (uint)message.MessageType);
            Assert.True(message.IsKnownType);
            Assert.Equal(e.RunspacePoolIdHex, Convert.ToHexStringLower(message.RunspacePoolId.ToByteArray()));
            Assert.Equal(e.PipelineIdHex, Convert.ToHexStringLower(message.PipelineId.ToByteArray()));
            Assert.Equal(e.DataLength, raw.Length - PsrpMessage.HeaderSize);
            Assert.Equal(e.StartsWithBom, raw.AsSpan(PsrpMessage.HeaderSize).StartsWith(Bom));

            // The BOM is stripped, nothing else is.
            Assert.Equal(e.DataLength - (e.StartsWithBom ? Bom.Length : 0), message.Data.Length);
            Assert.False(message.Data.Span.StartsWith(Bom));
            Assert.Equal(e.PipelineIdHex != new string('0', 32), message.PipelineId != Guid.Empty);

            byte[]? text = GoldenVectors.MessageText(file, i);
            if (text is not null)
            {
                Assert.Equal(text, message.Data.ToArray());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void SplittingThePayloadAnywhere_GivesTheSameMessages(string file)
    {
        byte[] payload = GoldenVectors.Base64(file);
        var whole = Assemble(payload, chunk: int.MaxValue);

        Assert.Equal(whole, Assemble(payload, chunk: 1));
        Assert.Equal(whole, Assemble(payload, chunk: 20));
        Assert.Equal(whole, Assemble(payload, chunk: 22));
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Refragmenting_ReproducesTheCapture(string file)
    {
        byte[] payload = GoldenVectors.Base64(file);
        var expected = GoldenVectors.ExpectedFor(file);
        var objects = Assemble(payload, chunk: int.MaxValue);

        var fragmenter = new Fragmenter(firstObjectId: expected[0].ObjectId);
        var output = new ArrayBufferWriter<byte>();
        for (int i = 0; i < objects.Count; i++)
        {
            PsrpMessage message = PsrpMessage.Decode(objects[i]);
            if (!expected[i].StartsWithBom)
            {
                fragmenter.WriteMessage(message, output);
                continue;
            }

            // We never write a BOM, so our own encoding is the capture minus those 3 bytes ...
            byte[] withoutBom = [.. objects[i].AsSpan(0, PsrpMessage.HeaderSize), .. objects[i].AsSpan(PsrpMessage.HeaderSize + Bom.Length)];
            Assert.Equal(withoutBom, message.ToArray());

            // ... and putting the sender's BOM back in front of the data gives the capture exactly.
            byte[] headerAndBom = new byte[PsrpMessage.HeaderSize + Bom.Length];
            message.WriteHeader(headerAndBom);
            Bom.CopyTo(headerAndBom, PsrpMessage.HeaderSize);
            fragmenter.Write(headerAndBom, message.Data.Span, output);
        }

        Assert.Equal(payload, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void ClientSentVectors_CarryNoBom()
    {
        var clientSent = GoldenVectors.Expected.Where(e => e.Destination == (uint)Destination.Server).ToList();

        Assert.NotEmpty(clientSent);
        Assert.All(clientSent, e => Assert.False(e.StartsWithBom, $"{e.File} @{e.Offset}"));
    }

    [Fact]
    public void Gv1_First61Bytes_MatchTheHexDump()
    {
        byte[] hex = GoldenVectors.Hex("gv1-creation-first61.hex");

        Assert.Equal(61, hex.Length);
        Assert.Equal(hex, GoldenVectors.Base64("gv1-creation.b64")[..61]);
    }

    [Fact]
    public void Gv3_HexDumpIsTheWholePayload()
    {
        byte[] payload = GoldenVectors.Base64("gv3-runspacepool-state.b64");

        Assert.Equal(124, payload.Length);
        Assert.Equal(GoldenVectors.Hex("gv3-runspacepool-state.hex"), payload);
    }

    [Fact]
    public void Gv4_EndOfPipelineInput_IsABareHeader()
    {
        byte[] payload = GoldenVectors.Base64("gv4-pipeline-input.b64");
        byte[] fragment = GoldenVectors.Hex("gv4-end-of-input-fragment.hex");

        Assert.Equal(404, payload.Length);
        Assert.Equal(fragment, payload[343..]);
        PsrpMessage message = PsrpMessage.Decode(fragment.AsMemory(FragmentHeader.Size));
        Assert.Equal(MessageType.EndOfPipelineInput, message.MessageType);
        Assert.Equal(MessageTarget.Pipeline, message.Target);
        Assert.True(message.Data.IsEmpty);
    }

    [Fact]
    public void Gv9_PublicKeyRequest_DecodesAndEncodesBackExactly()
    {
        byte[] bytes = GoldenVectors.Hex("gv9-public-key-request.hex");

        PsrpMessage message = PsrpMessage.Decode(bytes);

        Assert.Equal(45, bytes.Length);
        Assert.Equal(Destination.Server, message.Destination);
        Assert.Equal(MessageType.PublicKeyRequest, message.MessageType);
        Assert.Equal(Guid.Empty, message.RunspacePoolId);
        Assert.Equal(Guid.Empty, message.PipelineId);
        Assert.Equal("<S />"u8.ToArray(), message.Data.ToArray());
        Assert.Equal(bytes, message.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Gv10_MessageWithAndWithoutBom_DecodeAlike(bool withBom)
    {
        // psrpcore test_unpack_message_with(out)_bom: header 01 00 00 00 02 00 01 00, 32 zero bytes, then [BOM] "abc".
        byte[] bytes = [0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x00, .. new byte[32], .. (withBom ? Bom : []), .. "abc"u8];

        PsrpMessage message = PsrpMessage.Decode(bytes);

        Assert.Equal(Destination.Client, message.Destination);
        Assert.Equal(MessageType.SessionCapability, message.MessageType);
        Assert.Equal(Guid.Empty, message.RunspacePoolId);
        Assert.Equal(Guid.Empty, message.PipelineId);
        Assert.Equal("abc"u8.ToArray(), message.Data.ToArray());
        Assert.Equal(43, message.ToArray().Length);
    }

    private static List<byte[]> Assemble(byte[] payload, int chunk)
    {
        using var assembler = new FragmentAssembler();
        for (int offset = 0; offset < payload.Length; offset += chunk)
        {
            assembler.Feed(payload.AsSpan(offset, Math.Min(chunk, payload.Length - offset)));
        }

        assembler.Complete();
        var result = new List<byte[]>();
        while (assembler.TryRead(out AssembledObject? obj))
        {
            using (obj)
            {
                result.Add(obj.Span.ToArray());
            }
        }

        return result;
    }
}
