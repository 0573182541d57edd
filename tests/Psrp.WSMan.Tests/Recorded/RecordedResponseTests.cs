using System.Xml.Linq;
using Psrp.Messages;
using Psrp.Providers.WSMan;
using Psrp.Providers.WSMan.Soap;
using Psrp.Transport;

namespace Psrp.WSMan.Tests.Recorded;

/// <summary>Every response a real WinRM server sent in the recordings parses, relates to its request, and carries the §13 payloads.</summary>
public sealed class RecordedResponseTests
{
    public static TheoryData<string> Recordings => new(RecordedExchange.All);

    public static TheoryData<string> PowerShellRecordings => new(RecordedExchange.All.Where(n => n.StartsWith("test_psrp", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Recordings))]
    public void Every_response_parses_and_relates_to_its_request(string name)
    {
        foreach (var message in RecordedExchange.Load(name).Messages)
        {
            var response = message.Response;
            Assert.Equal(message.MessageId, response.RelatesTo);
            if (message.Status == 200)
            {
                Assert.Null(response.Fault);
                Assert.Equal(message.Action + "Response", response.Action?.Split('/')[^1]);
            }
            else
            {
                Assert.NotNull(response.Fault);
                Assert.False(string.IsNullOrWhiteSpace(response.Fault.Message));
            }
        }
    }

    [Theory]
    [MemberData(nameof(PowerShellRecordings))]
    public void Every_received_stream_decodes_into_PSRP_messages(string name)
    {
        var streams = RecordedExchange.Load(name).Messages
            .Where(m => m.Action == "Receive" && m.Status == 200)
            .SelectMany(m => m.Response.Streams())
            .GroupBy(s => s.CommandId ?? Guid.Empty)
            .ToList();
        Assert.NotEmpty(streams);
        foreach (var channel in streams)
        {
            var messages = PayloadDecoder.Decode(channel.Select(s => s.Bytes));
            Assert.NotEmpty(messages);
            Assert.All(messages, m => Assert.Equal(Destination.Client, m.Message.Destination));
            // pypsrp wrote header GUIDs in RFC byte order (psrp-facts §13 caveat); either layout names the command.
            Assert.All(messages, m => Assert.True(
                m.Message.PipelineId == channel.Key || new Guid(m.Message.PipelineId.ToByteArray(), bigEndian: true) == channel.Key,
                $"{m.Message.PipelineId} does not name {channel.Key}"));
        }
    }

    [Theory]
    [MemberData(nameof(PowerShellRecordings))]
    public void Create_responses_name_the_shell_the_client_asked_for(string name)
    {
        var creates = RecordedExchange.Load(name).Messages.Where(m => m.Action == "Create").ToList();
        foreach (var create in creates)
        {
            var requested = create.Request.Descendants(XName.Get("Shell", WSManNamespaces.Shell)).Single().Attribute("ShellId")!.Value;
            Assert.Equal(requested, create.Response.ShellId);
        }
    }

    [Fact]
    public void GV2_and_GV3_are_the_streams_of_the_recorded_open()
    {
        var open = RecordedExchange.Load("test_psrp_open_runspace").Messages;
        var first = open[1].Response.Streams();
        Assert.Equal(2, first.Count);
        Assert.All(first, s => Assert.Equal("stdout", s.Name));
        Assert.Equal(Golden("gv2-session-capability"), first[0].Bytes);
        Assert.Equal(Golden("gv2-application-private-data"), first[1].Bytes);
        Assert.Equal(Golden("gv3-runspacepool-state"), Assert.Single(open[2].Response.Streams()).Bytes);
    }

    [Fact]
    public void GV7_host_call_arrives_on_the_command_stream_and_its_answer_leaves_on_pr()
    {
        var messages = RecordedExchange.Load("test_psrp_pshost_ui_mocked_methods").Messages;
        var call = Assert.Single(messages[6].Response.Streams());
        Assert.Equal(Golden("gv7-host-call"), call.Bytes);
        Assert.NotNull(call.CommandId);

        var stream = messages[7].Request.Descendants(XName.Get("Stream", WSManNamespaces.Shell)).Single();
        Assert.Equal("pr", stream.Attribute("Name")!.Value);
        Assert.Equal(Golden("gv7-host-response"), Convert.FromBase64String(stream.Value));
    }

    [Fact]
    public void GV8_session_key_arrives_on_the_shell_stream()
    {
        var messages = RecordedExchange.Load("test_psrp_multiple_commands").Messages;
        var key = Assert.Single(messages[4].Response.Streams());
        Assert.Null(key.CommandId);
        Assert.Equal(Golden("gv8-encrypted-session-key"), key.Bytes);
    }

    [Fact]
    public void GV6_connect_response_carries_the_recorded_connectResponseXml()
    {
        var response = RecordedExchange.Load("test_psrp_disconnect_runspaces").Messages[14].Response;
        var xml = response.Body.Descendants(XName.Get("connectResponseXml", WSManNamespaces.PowerShell)).Single();
        var messages = PayloadDecoder.Decode([Convert.FromBase64String(xml.Value)]);
        Assert.Equal([MessageType.SessionCapability, MessageType.RunspacePoolInitData], messages.Select(m => m.Message.MessageType));
        Assert.Equal(Golden("gv6-connect-response"), Convert.FromBase64String(xml.Value));
    }

    [Fact]
    public void The_operation_timeout_fault_means_ask_again()
    {
        var timeouts = RecordedExchange.Load("test_winrs_operation_timeout").Messages.Where(m => m.Status == 500).ToList();
        Assert.Equal(2, timeouts.Count);
        foreach (var message in timeouts)
        {
            var fault = message.Response.Fault!;
            Assert.True(fault.IsOperationTimeout);
            Assert.Equal("w:TimedOut", fault.Subcode);
            Assert.Equal(2150858793u, fault.WSManCode);
        }
    }

    [Fact]
    public void A_receive_for_an_unknown_command_becomes_a_typed_fault_naming_code_machine_and_message()
    {
        var failed = RecordedExchange.Load("test_psrp_receive_failure").Messages.Single(m => m.Status == 500);
        var fault = failed.Response.Fault!;
        Assert.False(fault.IsOperationTimeout);

        var error = new WSManFaultException(TransportPhase.Receive, "Receive", fault);
        Assert.Equal("w:InvalidSelectors", error.FaultCode);
        Assert.Equal(2150858843u, error.WSManCode);
        Assert.Equal("127.0.0.1", error.Machine);
        Assert.Contains("command identifier that does not exist", error.FaultMessage, StringComparison.Ordinal);
        Assert.Contains("w:InvalidSelectors", error.Message, StringComparison.Ordinal);
        Assert.Contains("2150858843", error.Message, StringComparison.Ordinal);
        Assert.Equal(TransportPhase.Receive, error.Phase);
        Assert.Equal("wsman", error.TransportName);
    }

    private static byte[] Golden(string name) =>
        Convert.FromBase64String(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "golden", name + ".b64")).Trim());
}
