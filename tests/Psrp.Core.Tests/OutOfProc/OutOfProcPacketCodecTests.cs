using System.Buffers;
using System.Text;
using Psrp.OutOfProc;
using Psrp.Transport;

namespace Psrp.Tests.OutOfProc;

public class OutOfProcPacketCodecTests
{
    private static readonly Guid Pipeline = Guid.Parse("5312ea72-f75e-409a-8950-be4cd921563c");

    private static string Write(Action<ArrayBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return Encoding.ASCII.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void DataPacket_HasPowerShellsExactForm()
    {
        // psrp-facts GV15: the first line a client writes.
        var payload = Psrp.Tests.Messages.GoldenVectors.Base64("gv1-creation.b64");
        var line = Write(b => OutOfProcPacketCodec.WriteData(b, Guid.Empty, PsrpStreamKind.Default, payload));
        Assert.Equal($"<Data Stream='Default' PSGuid='00000000-0000-0000-0000-000000000000'>{Convert.ToBase64String(payload)}</Data>\n", line);
        Assert.Equal(line.Length, Encoding.ASCII.GetByteCount(line));
        Assert.True(line.Length <= OutOfProcPacketCodec.GetDataLineLength(payload.Length));
    }

    [Theory]
    [InlineData(OutOfProcPacketKind.Command, "<Command PSGuid='5312ea72-f75e-409a-8950-be4cd921563c' />\n")]
    [InlineData(OutOfProcPacketKind.Signal, "<Signal PSGuid='5312ea72-f75e-409a-8950-be4cd921563c' />\n")]
    [InlineData(OutOfProcPacketKind.Close, "<Close PSGuid='5312ea72-f75e-409a-8950-be4cd921563c' />\n")]
    [InlineData(OutOfProcPacketKind.DataAck, "<DataAck PSGuid='5312ea72-f75e-409a-8950-be4cd921563c' />\n")]
    public void ControlPackets_HavePowerShellsExactForm(OutOfProcPacketKind kind, string expected)
    {
        Assert.Equal(expected, Write(b => OutOfProcPacketCodec.WriteControl(b, kind, Pipeline)));
    }

    [Fact]
    public void PromptResponseStream_IsNamed() =>
        Assert.StartsWith("<Data Stream='PromptResponse' PSGuid='5312ea72-", Write(b => OutOfProcPacketCodec.WriteData(b, Pipeline, PsrpStreamKind.PromptResponse, [1])), StringComparison.Ordinal);

    [Fact]
    public void EmptyData_IsRefused_SoNoBlankOrEmptyPacketIsEverWritten() =>
        Assert.Throws<ArgumentException>(() => Write(b => OutOfProcPacketCodec.WriteData(b, Pipeline, PsrpStreamKind.Default, [])));

    [Theory]
    [InlineData("<Data Stream='Default' PSGuid='5312ea72-f75e-409a-8950-be4cd921563c'>AQID</Data>")]
    [InlineData("<Data Stream='Default' PSGuid='5312ea72-f75e-409a-8950-be4cd921563c'>AQID</Data>\r")]
    [InlineData("<Data PSGuid=\"5312EA72-F75E-409A-8950-BE4CD921563C\" Stream=\"Default\">AQID</Data>")]
    public void Parse_Data(string line)
    {
        var packet = OutOfProcPacketCodec.Parse(Encoding.ASCII.GetBytes(line));
        Assert.Equal(OutOfProcPacketKind.Data, packet.Kind);
        Assert.Equal(Pipeline, packet.PsGuid);
        Assert.Equal(PsrpStreamKind.Default, packet.Stream);
        Assert.Equal("AQID", Encoding.ASCII.GetString(packet.Base64Payload));
    }

    [Theory]
    [InlineData("<DataAck PSGuid='00000000-0000-0000-0000-000000000000' />", OutOfProcPacketKind.DataAck)]
    [InlineData("<CommandAck PSGuid='00000000-0000-0000-0000-000000000000'/>", OutOfProcPacketKind.CommandAck)]
    [InlineData("<SignalAck PSGuid='00000000-0000-0000-0000-000000000000' />", OutOfProcPacketKind.SignalAck)]
    [InlineData("<CloseAck PSGuid='00000000-0000-0000-0000-000000000000' />", OutOfProcPacketKind.CloseAck)]
    public void Parse_Control(string line, OutOfProcPacketKind kind)
    {
        var packet = OutOfProcPacketCodec.Parse(Encoding.ASCII.GetBytes(line));
        Assert.Equal(kind, packet.Kind);
        Assert.Equal(Guid.Empty, packet.PsGuid);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("<Data Stream='Default' PSGuid='00000000-0000-0000-0000-000000000000'></Data>")]
    [InlineData("<Data PSGuid='00000000-0000-0000-0000-000000000000'>AQID</Data>")]
    [InlineData("<Data Stream='Other' PSGuid='00000000-0000-0000-0000-000000000000'>AQID</Data>")]
    [InlineData("<Data Stream='Default' PSGuid='not-a-guid'>AQID</Data>")]
    [InlineData("<Data Stream='Default' PSGuid='00000000-0000-0000-0000-000000000000' Extra='1'>AQID</Data>")]
    [InlineData("<DataAck PSGuid='00000000-0000-0000-0000-000000000000'>text</DataAck>")]
    [InlineData("<Unknown PSGuid='00000000-0000-0000-0000-000000000000' />")]
    [InlineData("<CloseAck />")]
    [InlineData("<Data Stream='Default' PSGuid='00000000-0000-0000-0000-000000000000'>AQID")]
    public void Parse_RejectsMalformedPackets(string line)
    {
        var ex = Assert.Throws<PsrpProtocolException>(() => OutOfProcPacketCodec.Parse(Encoding.ASCII.GetBytes(line)));
        Assert.Equal(PsrpProtocolError.InvalidPacket, ex.Code);
    }

    [Fact]
    public void ErrorLines_AreRecognised()
    {
        Assert.True(OutOfProcPacketCodec.TryParseErrorLine("__NamedPipeError__: access denied"u8, out var message));
        Assert.Equal("access denied", message);
        Assert.True(OutOfProcPacketCodec.TryParseErrorLine("__HyperVSocketError__:broken"u8, out message));
        Assert.Equal("broken", message);
        Assert.False(OutOfProcPacketCodec.TryParseErrorLine("<DataAck PSGuid='x' />"u8, out _));
    }
}
