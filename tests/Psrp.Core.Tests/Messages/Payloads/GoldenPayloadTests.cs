using System.Text;
using Psrp.Host;
using Psrp.Messages;
using Psrp.Serialization;

namespace Psrp.Tests.Messages.Payloads;

/// <summary>
/// The real captures of psrp-facts §13 decode to the expected typed bodies, and bodies whose
/// captured layout is PowerShell's own re-encode to identical bytes.
/// </summary>
public class GoldenPayloadTests
{
    private static readonly Version V23 = new(2, 3);

    private static void AssertSameBytes(byte[] expected, PsrpPayload payload) =>
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(PsrpPayloadCodec.Encode(payload, V23)));

    [Fact]
    public void Gv1_SessionCapability_DecodesAndReencodesExactly()
    {
        var body = Assert.IsType<SessionCapability>(GoldenPayloads.Body("gv1-creation.b64", 0));
        Assert.Equal(new Version(2, 3), body.ProtocolVersion);
        Assert.Equal(new Version(2, 0), body.PSVersion);
        Assert.Equal(new Version(1, 1, 0, 1), body.SerializationVersion);
        Assert.Null(body.TimeZone);
        AssertSameBytes(GoldenPayloads.Data("gv1-creation.b64", 0), body);
        AssertSameBytes(GoldenPayloads.Data("gv1-creation.b64", 0), SessionCapability.ForClient(V23));
    }

    [Fact]
    public void Gv1_InitRunspacePool_Decodes()
    {
        var body = Assert.IsType<InitRunspacePool>(GoldenPayloads.Body("gv1-creation.b64", 1));
        Assert.Equal(1, body.MinRunspaces);
        Assert.Equal(1, body.MaxRunspaces);
        Assert.Equal(PSThreadOptions.Default, body.ThreadOptions);
        Assert.Equal(ApartmentState.Unknown, body.ApartmentState);
        Assert.Equal(HostInfo.None, body.HostInfo);
        Assert.Null(body.ApplicationArguments);
    }

    [Fact]
    public void Gv1_InitRunspacePool_OurEncodingDiffersOnlyInEnumTypeNames()
    {
        // pypsrp recorded this; it names the enums differently from PowerShell (psrp-facts §4.2).
        var body = GoldenPayloads.Body("gv1-creation.b64", 1);
        string ours = Encoding.UTF8.GetString(PsrpPayloadCodec.Encode(body, V23));
        string captured = Encoding.UTF8.GetString(GoldenPayloads.Data("gv1-creation.b64", 1))
            .Replace("System.Management.Automation.Runspaces.ApartmentState", "System.Threading.ApartmentState", StringComparison.Ordinal)
            .Replace(">UNKNOWN<", ">Unknown<", StringComparison.Ordinal);
        Assert.Equal(captured, ours);
    }

    [Fact]
    public void Gv2_ServerSessionCapability_ReencodesExactly()
    {
        var body = Assert.IsType<SessionCapability>(GoldenPayloads.Body("gv2-session-capability.b64", 0));
        Assert.Equal(new Version(2, 3), body.ProtocolVersion);
        AssertSameBytes(GoldenPayloads.Data("gv2-session-capability.b64", 0), body);
    }

    [Fact]
    public void Gv2_ApplicationPrivateData_ExposesThePSVersionTable()
    {
        var body = Assert.IsType<ApplicationPrivateData>(GoldenPayloads.Body("gv2-application-private-data.b64", 0));
        var table = body.PSVersionTable;
        Assert.NotNull(table);
        Assert.Equal(new Version(5, 1, 14393, 2248), table["PSVersion"]);
        Assert.Equal("Desktop", table["PSEdition"]);
        Assert.Equal(new Version(2, 3), table["PSRemotingProtocolVersion"]);
        var compatible = Assert.IsType<PsObject>(table["PSCompatibleVersions"]);
        Assert.Equal(6, compatible.List!.Count);
        Assert.Equal(new Version(1, 0), compatible.List[0]);
    }

    [Fact]
    public void Gv2_ApplicationPrivateData_ReencodesExactly()
    {
        // Written by Windows PowerShell 5.1's server: PowerShell's layout, TNRef reuse included.
        AssertSameBytes(
            GoldenPayloads.Data("gv2-application-private-data.b64", 0),
            GoldenPayloads.Body("gv2-application-private-data.b64", 0));
    }

    [Fact]
    public void Gv3_RunspacePoolStateOpened_DecodesAndReencodesExactly()
    {
        var body = Assert.IsType<RunspacePoolStateMessage>(GoldenPayloads.Body("gv3-runspacepool-state.b64", 0));
        Assert.Equal(RunspacePoolState.Opened, body.State);
        Assert.Null(body.Error);
        AssertSameBytes(GoldenPayloads.Data("gv3-runspacepool-state.b64", 0), new RunspacePoolStateMessage(RunspacePoolState.Opened));
    }

    [Fact]
    public void Gv4_PipelineInput_DecodesEachObjectAndReencodesExactly()
    {
        var messages = GoldenPayloads.Messages("gv4-pipeline-input.b64");
        Assert.Equal(4, messages.Count);
        var first = Assert.IsType<PipelineInput>(PsrpPayloadCodec.Decode(messages[0].MessageType, messages[0].Data));
        var second = Assert.IsType<PipelineInput>(PsrpPayloadCodec.Decode(messages[1].MessageType, messages[1].Data));
        var third = Assert.IsType<PipelineInput>(PsrpPayloadCodec.Decode(messages[2].MessageType, messages[2].Data));
        Assert.IsType<EndOfPipelineInput>(PsrpPayloadCodec.Decode(messages[3].MessageType, messages[3].Data));
        Assert.Equal("message 1", first.Value);
        Assert.Equal(2, second.Value);
        var array = Assert.IsType<PsObject>(third.Value);
        Assert.Equal("System.Object[]", array.TypeNames.MostDerived);
        Assert.Equal(new object?[] { "3", 3 }, array.List!);
        for (int i = 0; i < 3; i++)
        {
            AssertSameBytes(messages[i].Data.ToArray(), PsrpPayloadCodec.Decode(messages[i].MessageType, messages[i].Data));
        }

        Assert.Empty(PsrpPayloadCodec.Encode(new EndOfPipelineInput(), V23));
    }

    [Fact]
    public void Gv5_CreatePipeline_Decodes()
    {
        var body = Assert.IsType<CreatePipeline>(GoldenPayloads.Body("gv5-create-pipeline.b64", 0));
        var statement = Assert.Single(body.Statements);
        var command = Assert.Single(statement);
        Assert.True(command.IsScript);
        Assert.StartsWith("begin {\n    $DebugPreference = 'Continue'", command.CommandText, StringComparison.Ordinal);
        Assert.Null(command.UseLocalScope);
        Assert.Empty(command.Parameters);
        Assert.Equal(PipelineResultTypes.Output, command.MergeError);
        Assert.Equal(PipelineResultTypes.None, command.MergeWarning);
        Assert.False(body.NoInput);
        Assert.Equal(RemoteStreamOptions.AddInvocationInfo, body.RemoteStreamOptions);
        Assert.Equal(ApartmentState.Unknown, body.ApartmentState);
        Assert.Equal(HostInfo.None, body.HostInfo);
        Assert.Null(body.History);
    }

    [Fact]
    public void Gv5_CreatePipeline_ReencodesToTheSameBody()
    {
        var body = (CreatePipeline)GoldenPayloads.Body("gv5-create-pipeline.b64", 0);
        var again = (CreatePipeline)PsrpPayloadCodec.Decode(MessageType.CreatePipeline, PsrpPayloadCodec.Encode(body, V23));
        Assert.Equal(body.Statements[0][0], again.Statements[0][0] with { Parameters = body.Statements[0][0].Parameters });
        Assert.Equal(body with { Statements = again.Statements }, again);
    }

    [Fact]
    public void Gv6_Connect_DecodesAndInitDataReencodesExactly()
    {
        var connect = Assert.IsType<ConnectRunspacePool>(GoldenPayloads.Body("gv6-connect.b64", 1));
        Assert.Null(connect.MinRunspaces);
        Assert.Null(connect.MaxRunspaces);
        var init = Assert.IsType<RunspacePoolInitData>(GoldenPayloads.Body("gv6-connect-response.b64", 1));
        Assert.Equal(new RunspacePoolInitData(1, 1), init);
        AssertSameBytes(GoldenPayloads.Data("gv6-connect-response.b64", 1), init);
    }

    [Fact]
    public void Gv7_HostCall_DecodesAndReencodesExactly()
    {
        var call = Assert.IsType<RemoteHostCall>(GoldenPayloads.Body("gv7-host-call.b64", 0));
        Assert.Equal(1, call.CallId);
        Assert.Equal(RemoteHostMethodId.ReadLine, call.MethodId);
        Assert.Empty(call.Parameters);
        Assert.True(call.IsPipelineCall);
        AssertSameBytes(GoldenPayloads.Data("gv7-host-call.b64", 0), call);
    }

    [Fact]
    public void Gv7_HostResponse_Decodes()
    {
        var response = Assert.IsType<RemoteHostResponse>(GoldenPayloads.Body("gv7-host-response.b64", 0));
        Assert.Equal(1, response.CallId);
        Assert.Equal(RemoteHostMethodId.ReadLine, response.MethodId);
        Assert.Equal("ReadLine response", response.ReturnValue);
        Assert.Null(response.Error);
        Assert.True(response.IsPipelineResponse);
        Assert.Equal(MessageType.PipelineHostResponse, response.MessageType);
    }

    [Fact]
    public void Gv8_KeyExchange_Decodes()
    {
        var publicKey = Assert.IsType<PublicKey>(GoldenPayloads.Body("gv8-public-key.b64", 0));
        Assert.StartsWith("BgIAAACkAABSU0Ex", publicKey.KeyBlob, StringComparison.Ordinal);
        Assert.Equal(276, Convert.FromBase64String(publicKey.KeyBlob).Length);
        AssertSameBytes(GoldenPayloads.Data("gv8-public-key.b64", 0), publicKey);

        var sessionKey = Assert.IsType<EncryptedSessionKey>(GoldenPayloads.Body("gv8-encrypted-session-key.b64", 0));
        Assert.StartsWith("AQIAABBmAAAApAAA", sessionKey.KeyBlob, StringComparison.Ordinal);
        Assert.DoesNotContain(sessionKey.KeyBlob, sessionKey.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Gv9_PublicKeyRequest_Decodes()
    {
        var message = PsrpMessage.Decode(GoldenVectors.Hex("gv9-public-key-request.hex"));
        Assert.IsType<PublicKeyRequest>(PsrpPayloadCodec.Decode(message.MessageType, message.Data));
    }
}
