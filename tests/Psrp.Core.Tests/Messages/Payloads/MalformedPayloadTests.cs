using System.Text;
using Psrp.Messages;

namespace Psrp.Tests.Messages.Payloads;

/// <summary>Bodies that break the message shapes give typed errors naming the message and field.</summary>
public class MalformedPayloadTests
{
    private static PsrpProtocolException Decode(MessageType type, string xml) =>
        Assert.Throws<PsrpProtocolException>(() => PsrpPayloadCodec.Decode(type, Encoding.UTF8.GetBytes(xml)));

    [Fact]
    public void MissingRequiredField_NamesIt()
    {
        var ex = Decode(MessageType.RunspacePoolState, "<Obj RefId=\"0\"><MS><I32 N=\"Other\">2</I32></MS></Obj>");
        Assert.Equal(PsrpProtocolError.InvalidValue, ex.Code);
        Assert.Contains("RunspaceState", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RunspacePoolState", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongFieldType_NamesIt()
    {
        var ex = Decode(MessageType.SessionCapability, "<Obj RefId=\"0\"><MS><S N=\"protocolversion\">two</S><Version N=\"PSVersion\">2.0</Version><Version N=\"SerializationVersion\">1.1.0.1</Version></MS></Obj>");
        Assert.Equal(PsrpProtocolError.InvalidValue, ex.Code);
        Assert.Contains("protocolversion", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PrimitiveWhereAnObjectBelongs_IsRejected() =>
        Assert.Equal(PsrpProtocolError.InvalidValue, Decode(MessageType.PipelineState, "<I32>4</I32>").Code);

    [Fact]
    public void UnknownMessageType_IsRejected()
    {
        var ex = Assert.Throws<PsrpProtocolException>(() => PsrpPayloadCodec.Decode((MessageType)0x00099999, "<S />"u8.ToArray()));
        Assert.Equal(PsrpProtocolError.UnknownMessageType, ex.Code);
        Assert.Contains("0x00099999", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedXml_InABody_IsAProtocolError() =>
        Assert.Equal(PsrpProtocolError.MalformedXml, Decode(MessageType.PipelineOutput, "<Obj RefId=\"0\"><MS>").Code);

    [Fact]
    public void HostAvailabilityWithStringResponse_IsRejected() =>
        Assert.Equal(PsrpProtocolError.InvalidValue,
            Decode(MessageType.RunspaceAvailability, "<Obj RefId=\"0\"><MS><S N=\"SetMinMaxRunspacesResponse\">yes</S><I64 N=\"ci\">1</I64></MS></Obj>").Code);

    // Found by the messages fuzz target: 'Cmds' renamed decoded as a pipeline without commands,
    // which CreatePipeline.ToClixml then refused with InvalidOperationException.
    [Theory]
    [InlineData("<Obj RefId=\"0\"><MS><Obj N=\"PowerShell\" RefId=\"1\"><MS><Nil N=\"ExtraCmds\" /><Obj N=\"Cmes\" RefId=\"2\"><LST /></Obj></MS></Obj></MS></Obj>")]
    [InlineData("<Obj RefId=\"0\"><MS><Obj N=\"PowerShell\" RefId=\"1\"><MS><Obj N=\"Cmds\" RefId=\"2\"><LST /></Obj></MS></Obj></MS></Obj>")]
    [InlineData("<Obj RefId=\"0\"><MS><Obj N=\"PowerShell\" RefId=\"1\"><MS><Obj N=\"ExtraCmds\" RefId=\"2\"><LST><Obj RefId=\"3\"><MS><Obj N=\"Cmds\" RefId=\"4\"><LST /></Obj></MS></Obj></LST></Obj></MS></Obj></MS></Obj>")]
    public void CreatePipelineWithoutCommands_IsRejected(string xml)
    {
        var ex = Decode(MessageType.CreatePipeline, xml);
        Assert.Equal(PsrpProtocolError.InvalidValue, ex.Code);
        Assert.Contains("without commands", ex.Message, StringComparison.Ordinal);
    }
}
