using Psrp.Messages;

namespace Psrp.Tests.Messages;

public class MessageTypeTests
{
    // The MS-PSRP table (psrp-facts §2.2) plus PowerShell's internal CloseSession and StopPowerShell.
    public static TheoryData<MessageType, uint, MessageTarget> Table => new()
    {
        { MessageType.SessionCapability, 0x00010002, MessageTarget.Session },
        { MessageType.CloseSession, 0x00010003, MessageTarget.Session },
        { MessageType.InitRunspacePool, 0x00010004, MessageTarget.Session },
        { MessageType.PublicKey, 0x00010005, MessageTarget.Session },
        { MessageType.EncryptedSessionKey, 0x00010006, MessageTarget.Session },
        { MessageType.PublicKeyRequest, 0x00010007, MessageTarget.Session },
        { MessageType.ConnectRunspacePool, 0x00010008, MessageTarget.Session },
        { MessageType.SetMaxRunspaces, 0x00021002, MessageTarget.RunspacePool },
        { MessageType.SetMinRunspaces, 0x00021003, MessageTarget.RunspacePool },
        { MessageType.RunspaceAvailability, 0x00021004, MessageTarget.RunspacePool },
        { MessageType.RunspacePoolState, 0x00021005, MessageTarget.RunspacePool },
        { MessageType.CreatePipeline, 0x00021006, MessageTarget.RunspacePool },
        { MessageType.GetAvailableRunspaces, 0x00021007, MessageTarget.RunspacePool },
        { MessageType.UserEvent, 0x00021008, MessageTarget.RunspacePool },
        { MessageType.ApplicationPrivateData, 0x00021009, MessageTarget.RunspacePool },
        { MessageType.GetCommandMetadata, 0x0002100A, MessageTarget.RunspacePool },
        { MessageType.RunspacePoolInitData, 0x0002100B, MessageTarget.RunspacePool },
        { MessageType.ResetRunspaceState, 0x0002100C, MessageTarget.RunspacePool },
        { MessageType.RunspacePoolHostCall, 0x00021100, MessageTarget.RunspacePool },
        { MessageType.RunspacePoolHostResponse, 0x00021101, MessageTarget.RunspacePool },
        { MessageType.PipelineInput, 0x00041002, MessageTarget.Pipeline },
        { MessageType.EndOfPipelineInput, 0x00041003, MessageTarget.Pipeline },
        { MessageType.PipelineOutput, 0x00041004, MessageTarget.Pipeline },
        { MessageType.ErrorRecord, 0x00041005, MessageTarget.Pipeline },
        { MessageType.PipelineState, 0x00041006, MessageTarget.Pipeline },
        { MessageType.DebugRecord, 0x00041007, MessageTarget.Pipeline },
        { MessageType.VerboseRecord, 0x00041008, MessageTarget.Pipeline },
        { MessageType.WarningRecord, 0x00041009, MessageTarget.Pipeline },
        { MessageType.ProgressRecord, 0x00041010, MessageTarget.Pipeline },
        { MessageType.InformationRecord, 0x00041011, MessageTarget.Pipeline },
        { MessageType.StopPowerShell, 0x00041012, MessageTarget.Pipeline },
        { MessageType.PipelineHostCall, 0x00041100, MessageTarget.Pipeline },
        { MessageType.PipelineHostResponse, 0x00041101, MessageTarget.Pipeline },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Value_Known_And_Target_MatchTheTable(MessageType type, uint value, MessageTarget target)
    {
        Assert.Equal(value, (uint)type);
        Assert.True(type.IsKnown());
        Assert.Equal(target, type.GetTarget());
    }

    [Fact]
    public void Enum_HasExactlyTheTableMembers()
    {
        Assert.Equal(33, Enum.GetValues<MessageType>().Length);
        Assert.Equal(Table.Count, Enum.GetValues<MessageType>().Length);
    }

    [Theory]
    [InlineData(0u, MessageTarget.Unknown)]
    [InlineData(0x00000001u, MessageTarget.Unknown)]
    [InlineData(0x00010099u, MessageTarget.Session)]
    [InlineData(0x00021999u, MessageTarget.RunspacePool)]
    [InlineData(0x00041999u, MessageTarget.Pipeline)]
    public void UnknownValues_AreNotKnownButStillHaveATarget(uint value, MessageTarget target)
    {
        var type = (MessageType)value;

        Assert.False(type.IsKnown());
        Assert.Equal(target, type.GetTarget());
    }

    [Fact]
    public void Destination_Values()
    {
        Assert.Equal(1u, (uint)Destination.Client);
        Assert.Equal(2u, (uint)Destination.Server);
        Assert.Equal(4u, (uint)Destination.Listener);
    }
}
