using System.Xml.Linq;
using Psrp.Messages;
using Psrp.Providers.WSMan.Soap;

namespace Psrp.WSMan.Tests.Replay;

/// <summary>
/// The real Windows payloads of psrp-facts §13, inside WinRM-shaped envelopes (§10.4), come out of
/// the provider's response parser byte for byte, on the shell or the command they were sent on.
/// </summary>
public sealed class ResponseParsingTests
{
    // §13's GV2/GV3 shell and GV7 command, as WinRM names them (upper-case GUIDs, §10.4).
    private const string OpenShellId = "76056A84-51DC-4F24-9262-CA2A55464B2B";
    private const string HostCallCommandId = "93A32A63-4E25-4DB2-8288-4D968D0DA65D";
    private const long MaxCharacters = 4 << 20;

    [Fact]
    public void A_CreateResponse_names_the_shell_relates_to_the_Create_and_describes_it()
    {
        var create = Guid.NewGuid();
        var response = Parse(WinRMEnvelopes.CreateResponse(create, OpenShellId, "http://schemas.microsoft.com/powershell/Microsoft.PowerShell"));

        Assert.Null(response.Fault);
        Assert.Equal(create, response.RelatesTo);
        Assert.EndsWith("/transfer/CreateResponse", response.Action, StringComparison.Ordinal);
        Assert.Equal(OpenShellId, response.ShellId);
        Assert.Equal("Connected", response.Shell!.Element(XName.Get("State", WSManNamespaces.Shell))!.Value);
    }

    [Fact]
    public void A_CommandResponse_names_the_command()
    {
        var command = Guid.NewGuid();
        var response = Parse(WinRMEnvelopes.CommandResponse(command, HostCallCommandId));
        Assert.Equal(command, response.RelatesTo);
        Assert.Equal(HostCallCommandId, response.CommandId);
    }

    [Fact]
    public void GV2_arrives_as_two_shell_streams_with_the_exact_bytes()
    {
        var capability = Golden.Payload("gv2-session-capability");
        var privateData = Golden.Payload("gv2-application-private-data");
        var streams = Parse(WinRMEnvelopes.ReceiveResponse(Guid.NewGuid(), null, [capability, privateData])).Streams();

        Assert.Equal(2, streams.Count);
        Assert.All(streams, s => Assert.Equal("stdout", s.Name));
        Assert.All(streams, s => Assert.Null(s.CommandId));
        Assert.Equal(capability, streams[0].Bytes);
        Assert.Equal(privateData, streams[1].Bytes);
        Assert.Equal(
            [MessageType.SessionCapability, MessageType.ApplicationPrivateData],
            PayloadDecoder.Decode(streams.Select(s => s.Bytes)).Select(m => m.Message.MessageType));
    }

    [Fact]
    public void GV3_arrives_on_the_shell_with_the_exact_bytes()
    {
        var state = Golden.Payload("gv3-runspacepool-state");
        var stream = Assert.Single(Parse(WinRMEnvelopes.ReceiveResponse(Guid.NewGuid(), null, [state])).Streams());
        Assert.Null(stream.CommandId);
        Assert.Equal(state, stream.Bytes);
        Assert.Equal(MessageType.RunspacePoolState, Assert.Single(PayloadDecoder.Decode([stream.Bytes])).Message.MessageType);
    }

    [Fact]
    public void GV7_host_call_arrives_on_its_command_with_the_exact_bytes_and_the_command_still_running()
    {
        var call = Golden.Payload("gv7-host-call");
        var response = Parse(WinRMEnvelopes.ReceiveResponse(Guid.NewGuid(), HostCallCommandId, [call], "Running"));

        var stream = Assert.Single(response.Streams());
        Assert.Equal(Guid.Parse(HostCallCommandId), stream.CommandId);
        Assert.Equal(call, stream.Bytes);
        var state = response.CommandState();
        Assert.NotNull(state);
        Assert.Equal(Guid.Parse(HostCallCommandId), state.CommandId);
        Assert.False(state.IsDone);
    }

    [Fact]
    public void A_Done_CommandState_carries_its_exit_code()
    {
        var state = Parse(WinRMEnvelopes.ReceiveResponse(Guid.NewGuid(), HostCallCommandId, [], "Done", 0)).CommandState();
        Assert.NotNull(state);
        Assert.True(state.IsDone);
        Assert.Equal(0, state.ExitCode);
    }

    [Fact]
    public void GV8_session_key_arrives_on_the_shell_with_the_exact_bytes()
    {
        var key = Golden.Payload("gv8-encrypted-session-key");
        var stream = Assert.Single(Parse(WinRMEnvelopes.ReceiveResponse(Guid.NewGuid(), null, [key])).Streams());
        Assert.Null(stream.CommandId);
        Assert.Equal(key, stream.Bytes);
        Assert.Equal(MessageType.EncryptedSessionKey, Assert.Single(PayloadDecoder.Decode([stream.Bytes])).Message.MessageType);
    }

    [Fact]
    public void GV6_connectResponseXml_comes_out_exactly_and_decodes_to_capability_and_init_data()
    {
        var connect = Guid.NewGuid();
        var payload = Golden.Payload("gv6-connect-response");
        var response = Parse(WinRMEnvelopes.ConnectResponse(connect, payload));

        Assert.Equal(connect, response.RelatesTo);
        var xml = response.Body.Descendants(XName.Get("connectResponseXml", WSManNamespaces.PowerShell)).Single();
        var bytes = Convert.FromBase64String(xml.Value);
        Assert.Equal(payload, bytes);
        Assert.Equal(
            [MessageType.SessionCapability, MessageType.RunspacePoolInitData],
            PayloadDecoder.Decode([bytes]).Select(m => m.Message.MessageType));
    }

    private static WSManResponse Parse(byte[] envelope) => WSManResponse.Parse(envelope, MaxCharacters);
}
