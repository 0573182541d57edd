using System.Diagnostics;
using System.Net;
using System.Xml.Linq;
using Psrp.Messages;
using Psrp.Serialization;

namespace Psrp.WSMan.Endpoint.Tests;

/// <summary>The shell operations against the real PowerShell behind the endpoint.</summary>
public sealed class ShellOperationTests : IClassFixture<EndpointFixture>
{
    private static readonly XNamespace Rsp = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    private static readonly XNamespace X = "http://schemas.xmlsoap.org/ws/2004/09/transfer";
    private static readonly XNamespace W = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    private readonly EndpointFixture _fixture;

    public ShellOperationTests(EndpointFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Create_with_the_recorded_creationXml_opens_a_pool_on_real_PowerShell_and_Delete_ends_it()
    {
        using var client = _fixture.Http();
        var messageId = RawWSMan.NewMessageId();
        var created = await client.CreateAsync(Golden.ShellId, Golden.CreationXml, messageId: messageId);

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal("http://schemas.xmlsoap.org/ws/2004/09/transfer/CreateResponse", created.Action);
        Assert.Equal(messageId, created.RelatesTo);
        var resourceCreated = created.BodyElement.Element(X + "ResourceCreated")!;
        Assert.Equal(RawWSMan.ResourceUri, resourceCreated.Descendants(W + "ResourceURI").Single().Value);
        Assert.Equal(Golden.ShellId, resourceCreated.Descendants(W + "Selector").Single(s => (string?)s.Attribute("Name") == "ShellId").Value);
        var shell = created.BodyElement.Element(Rsp + "Shell")!;
        Assert.Equal(Golden.ShellId, shell.Element(Rsp + "ShellId")!.Value);
        Assert.Equal(_fixture.Endpoint.UserName, shell.Element(Rsp + "Owner")!.Value);
        Assert.Equal("stdin pr", shell.Element(Rsp + "InputStreams")!.Value);
        Assert.Equal("Connected", shell.Element(Rsp + "State")!.Value);
        var processId = int.Parse(shell.Element(Rsp + "ProcessId")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        using var server = Process.GetProcessById(processId);
        Assert.Contains(processId, _fixture.Endpoint.ShellProcessIds);

        using var psrp = new PsrpStream();
        await ReceiveUntilAsync(client, psrp, Golden.ShellId, null, m => m.MessageType == MessageType.RunspacePoolState);
        var types = psrp.Messages.Select(m => m.MessageType).ToArray();
        Assert.Equal([MessageType.SessionCapability, MessageType.ApplicationPrivateData, MessageType.RunspacePoolState], types);
        Assert.Equal(RunspacePoolState.Opened, psrp.Decode<RunspacePoolStateMessage>(psrp.Messages[^1]).State);
        var capability = psrp.Decode<SessionCapability>(psrp.Messages[0]);
        // PowerShell 7.6 speaks 2.4 but answers a 2.3 client (GV1) with 2.3.
        Assert.Equal(new Version(2, 3), capability.ProtocolVersion);

        var deleted = await client.DeleteAsync(Golden.ShellId);
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal("http://schemas.xmlsoap.org/ws/2004/09/transfer/DeleteResponse", deleted.Action);
        Assert.True(server.WaitForExit(TimeSpan.FromSeconds(15)), "The PowerShell server behind the shell is still running after Delete.");
        Assert.DoesNotContain(processId, _fixture.Endpoint.ShellProcessIds);

        var after = await client.ReceiveAsync(Golden.ShellId, timeout: "PT1S");
        Assert.True(after.IsFault);
        Assert.Equal("w:InvalidSelectors", after.FaultSubcode);
    }

    [Fact]
    public async Task Receive_with_nothing_to_send_is_the_OperationTimeout_fault_after_the_requested_time()
    {
        using var client = _fixture.Https();
        var shellId = Guid.NewGuid().ToString("D").ToUpperInvariant();
        using var psrp = await OpenAsync(client, shellId);
        try
        {
            var messageId = RawWSMan.NewMessageId();
            var clock = Stopwatch.StartNew();
            var idle = await client.ReceiveAsync(shellId, timeout: "PT1.5S", messageId: messageId);
            clock.Stop();

            Assert.Equal(HttpStatusCode.InternalServerError, idle.Status);
            Assert.Equal("http://schemas.dmtf.org/wbem/wsman/1/wsman/fault", idle.Action);
            Assert.Equal(messageId, idle.RelatesTo);
            Assert.Equal("w:TimedOut", idle.FaultSubcode);
            Assert.Equal("2150858793", idle.WSManFaultCode);
            Assert.Equal("127.0.0.1", idle.Machine);
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.4), TimeSpan.FromSeconds(10));
        }
        finally
        {
            await client.DeleteAsync(shellId);
        }
    }

    [Fact]
    public async Task Command_with_input_sent_on_stdin_in_split_pieces_returns_its_output_then_Done_and_terminate_forgets_it()
    {
        using var client = _fixture.Https();
        var shellId = Guid.NewGuid().ToString("D").ToUpperInvariant();
        using var psrp = await OpenAsync(client, shellId);
        try
        {
            var pipelineId = Guid.NewGuid();
            var commandId = pipelineId.ToString("D").ToUpperInvariant();
            var create = new CreatePipeline { Statements = [[new PipelineCommand("process { $_ * 2 }", isScript: true)]], NoInput = false };
            var command = await client.CommandAsync(shellId, commandId, psrp.ToServer(create, Golden.RunspacePoolId, pipelineId));
            Assert.Equal(HttpStatusCode.OK, command.Status);
            Assert.Equal(commandId, command.BodyElement.Descendants(Rsp + "CommandId").Single().Value);

            var input = psrp.ToServer(new PipelineInput(21), Golden.RunspacePoolId, pipelineId)
                .Concat(psrp.ToServer(new PipelineInput(50), Golden.RunspacePoolId, pipelineId))
                .Concat(psrp.ToServer(new EndOfPipelineInput(), Golden.RunspacePoolId, pipelineId)).ToArray();
            // WinRM's stdin is a byte stream: a fragment split across two Sends still arrives whole.
            var sent = await client.SendAsync(shellId, commandId, "stdin", input[..30]);
            Assert.Equal(HttpStatusCode.OK, sent.Status);
            Assert.Equal("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/SendResponse", sent.Action);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(shellId, commandId, "stdin", input[30..])).Status);

            var done = await ReceiveUntilAsync(client, psrp, shellId, commandId, _ => false);
            Assert.Equal("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Done", (string?)done.CommandState!.Attribute("State"));
            Assert.Equal(commandId, (string?)done.CommandState.Attribute("CommandId"));
            Assert.Equal("0", done.CommandState.Element(Rsp + "ExitCode")!.Value);
            Assert.All(done.Streams, s => Assert.Equal(commandId, (string?)s.Attribute("CommandId")));

            var outputs = psrp.Messages.Where(m => m.MessageType == MessageType.PipelineOutput).Select(m => psrp.Decode<PipelineOutput>(m).Value).ToArray();
            Assert.Equal([42, 100], outputs.Select(Convert.ToInt32));
            Assert.Equal(PSInvocationState.Completed, psrp.Decode<PipelineStateMessage>(psrp.Messages[^1]).State);

            var terminated = await client.SignalAsync(shellId, commandId, "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/terminate");
            Assert.Equal("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/SignalResponse", terminated.Action);
            var gone = await client.ReceiveAsync(shellId, commandId, "PT1S");
            Assert.Equal("w:InvalidSelectors", gone.FaultSubcode);
            Assert.Equal("2150858843", gone.WSManFaultCode);
        }
        finally
        {
            await client.DeleteAsync(shellId);
        }
    }

    [Fact]
    public async Task Signal_crtl_c_stops_a_running_pipeline()
    {
        using var client = _fixture.Http();
        var shellId = Guid.NewGuid().ToString("D").ToUpperInvariant();
        using var psrp = await OpenAsync(client, shellId);
        try
        {
            var pipelineId = Guid.NewGuid();
            var commandId = pipelineId.ToString("D").ToUpperInvariant();
            var create = new CreatePipeline { Statements = [[new PipelineCommand("'started'; while ($true) { [System.Threading.Thread]::Sleep(50) }", isScript: true)]] };
            await client.CommandAsync(shellId, commandId, psrp.ToServer(create, Golden.RunspacePoolId, pipelineId));
            await ReceiveUntilAsync(client, psrp, shellId, commandId, m => m.MessageType == MessageType.PipelineOutput);

            var stop = await client.SignalAsync(shellId, commandId, "powershell/signal/crtl_c");
            Assert.Equal(HttpStatusCode.OK, stop.Status);
            var done = await ReceiveUntilAsync(client, psrp, shellId, commandId, _ => false);
            Assert.NotNull(done.CommandState);
            Assert.Equal(PSInvocationState.Stopped, psrp.Decode<PipelineStateMessage>(psrp.Messages[^1]).State);
        }
        finally
        {
            await client.DeleteAsync(shellId);
        }
    }

    [Fact]
    public async Task Output_is_packed_into_the_clients_MaxEnvelopeSize_and_reassembles()
    {
        using var client = _fixture.Http();
        var shellId = Guid.NewGuid().ToString("D").ToUpperInvariant();
        using var psrp = await OpenAsync(client, shellId);
        try
        {
            client.MaxEnvelopeSize = 8192;
            var pipelineId = Guid.NewGuid();
            var commandId = pipelineId.ToString("D").ToUpperInvariant();
            var create = new CreatePipeline { Statements = [[new PipelineCommand("'x' * 100000; 1..200", isScript: true)]] };
            await client.CommandAsync(shellId, commandId, psrp.ToServer(create, Golden.RunspacePoolId, pipelineId));

            var sizes = new List<int>();
            var done = await ReceiveUntilAsync(client, psrp, shellId, commandId, _ => false, sizes);
            Assert.NotNull(done.CommandState);
            Assert.All(sizes, size => Assert.InRange(size, 1, 8192));
            Assert.True(sizes.Count > 10, $"Expected the output spread over many envelopes, got {sizes.Count}.");
            Assert.True(sizes.Count(s => s > 6000) > 5, "Envelopes should be filled, not one fragment each.");
            var outputs = psrp.Messages.Where(m => m.MessageType == MessageType.PipelineOutput).Select(m => psrp.Decode<PipelineOutput>(m).Value).ToArray();
            Assert.Equal(201, outputs.Length);
            Assert.Equal(new string('x', 100000), outputs[0]);
        }
        finally
        {
            await client.DeleteAsync(shellId);
        }
    }

    [Fact]
    public async Task Fragments_as_large_as_a_512000_byte_envelope_allows_pass_through_to_PowerShell()
    {
        using var client = _fixture.Http();
        client.MaxEnvelopeSize = 512000;
        var shellId = Guid.NewGuid().ToString("D").ToUpperInvariant();

        // pypsrp's rule: (512000 - envelope skeleton - 256) * 3/4 of fragment per Send.
        using var psrp = await OpenAsync(client, shellId, fragmentSize: 380000);
        try
        {
            var pipelineId = Guid.NewGuid();
            var commandId = pipelineId.ToString("D").ToUpperInvariant();
            var create = new CreatePipeline { Statements = [[new PipelineCommand("process { $_.Length }", isScript: true)]], NoInput = false };
            await client.CommandAsync(shellId, commandId, psrp.ToServer(create, Golden.RunspacePoolId, pipelineId));
            var big = psrp.ToServer(new PipelineInput(new string('y', 300000)), Golden.RunspacePoolId, pipelineId);
            Assert.True(big.Length > 300000, "The input should be one fragment far above the out-of-proc 32 KiB.");
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(shellId, commandId, "stdin", big)).Status);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(shellId, commandId, "stdin", psrp.ToServer(new EndOfPipelineInput(), Golden.RunspacePoolId, pipelineId))).Status);

            var done = await ReceiveUntilAsync(client, psrp, shellId, commandId, _ => false);
            Assert.NotNull(done.CommandState);
            var output = psrp.Messages.Where(m => m.MessageType == MessageType.PipelineOutput).Select(m => Convert.ToInt32(psrp.Decode<PipelineOutput>(m).Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal([300000], output);
        }
        finally
        {
            await client.DeleteAsync(shellId);
        }
    }

    internal static async Task<PsrpStream> OpenAsync(RawWSMan client, string shellId, int fragmentSize = 32 << 10)
    {
        var created = await client.CreateAsync(shellId, Golden.CreationXml);
        Assert.True(created.Status == HttpStatusCode.OK, created.Text);
        var psrp = new PsrpStream(fragmentSize);
        await ReceiveUntilAsync(client, psrp, shellId, null, m => m.MessageType == MessageType.RunspacePoolState);
        psrp.Messages.Clear();
        return psrp;
    }

    /// <summary>Receives until a message matches or (for a command) CommandState Done; OperationTimeout faults just mean "ask again".</summary>
    internal static async Task<RawWSMan.Reply> ReceiveUntilAsync(RawWSMan client, PsrpStream psrp, string shellId, string? commandId, Func<PsrpMessage, bool> until, List<int>? sizes = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var reply = await client.ReceiveAsync(shellId, commandId, "PT5S");
            if (reply.IsFault)
            {
                Assert.True(reply.FaultSubcode == "w:TimedOut", reply.Text);
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/ReceiveResponse", reply.Action);
            sizes?.Add(reply.Body.Length);
            var before = psrp.Messages.Count;
            psrp.Feed(reply.Streams);
            if (reply.CommandState is not null || psrp.Messages.Skip(before).Any(until))
            {
                return reply;
            }
        }

        throw new TimeoutException($"No matching output from shell {shellId} command {commandId} within 90 s.");
    }
}
