using System.Text.RegularExpressions;
using Psrp.Providers.WSMan.Soap;

namespace Psrp.WSMan.Tests.Envelopes;

/// <summary>Our request envelopes have the structure psrp-facts §10.3/§10.4 describes.</summary>
public sealed partial class ShellRequestTests
{
    private static readonly Guid ShellGuid = Guid.Parse("b6710e46-0287-488a-b901-d34f9f19d4de");
    private static readonly Guid CommandGuid = Guid.Parse("5312ea72-f75e-409a-8950-be4cd921563c");

    private static readonly WSManRequestContext Context = new()
    {
        To = new Uri("https://server.example:5986/wsman"),
        ResourceUri = "http://schemas.microsoft.com/powershell/Microsoft.PowerShell",
        MaxEnvelopeSize = 153600,
        OperationTimeout = TimeSpan.FromSeconds(20),
        Locale = "en-GB",
        DataLocale = "de-DE",
    };

    [Fact]
    public void Every_request_carries_the_WSMan_header()
    {
        var (envelope, messageId) = ShellRequests.Receive(Context, "B6710E46-0287-488A-B901-D34F9F19D4DE", null);
        var x = new EnvelopeXPath(envelope);
        Assert.Equal("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Receive", x.Single("/s:Envelope/s:Header/wsa:Action[@s:mustUnderstand='true']"));
        Assert.Equal("uuid:" + messageId.ToString("D").ToUpperInvariant(), x.Single("/s:Envelope/s:Header/wsa:MessageID"));
        Assert.Equal("153600", x.Single("/s:Envelope/s:Header/wsman:MaxEnvelopeSize[@s:mustUnderstand='true']"));
        Assert.Equal("PT20.000S", x.Single("/s:Envelope/s:Header/wsman:OperationTimeout"));
        Assert.Equal("http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous", x.Single("/s:Envelope/s:Header/wsa:ReplyTo/wsa:Address[@s:mustUnderstand='true']"));
        Assert.Equal(Context.ResourceUri, x.Single("/s:Envelope/s:Header/wsman:ResourceURI[@s:mustUnderstand='true']"));
        Assert.Equal("uuid:" + Context.SessionId.ToString("D").ToUpperInvariant(), x.Single("/s:Envelope/s:Header/wsmv:SessionId[@s:mustUnderstand='false']"));
        Assert.Equal("https://server.example:5986/wsman", x.Single("/s:Envelope/s:Header/wsa:To"));
        Assert.Equal(1, x.Count("/s:Envelope/s:Header/wsman:Locale[@xml:lang='en-GB']"));
        Assert.Equal(1, x.Count("/s:Envelope/s:Header/wsmv:DataLocale[@xml:lang='de-DE']"));
        Assert.Equal("B6710E46-0287-488A-B901-D34F9F19D4DE", x.Single("/s:Envelope/s:Header/wsman:SelectorSet/wsman:Selector[@Name='ShellId']"));
    }

    [Fact]
    public void Create_carries_the_opening_fragments_and_the_protocol_version()
    {
        var gv1 = Golden("gv1-creation");
        var (envelope, _) = ShellRequests.Create(Context, ShellGuid, "2.3", TimeSpan.FromMinutes(5), gv1, TimeSpan.FromSeconds(30));
        var x = new EnvelopeXPath(envelope);
        Assert.Equal("http://schemas.xmlsoap.org/ws/2004/09/transfer/Create", x.Single("/s:Envelope/s:Header/wsa:Action"));
        Assert.Equal("2.3", x.Single("/s:Envelope/s:Header/wsman:OptionSet[@s:mustUnderstand='true']/wsman:Option[@Name='protocolversion' and @MustComply='true']"));
        Assert.Equal(0, x.Count("/s:Envelope/s:Header/wsman:SelectorSet"));
        Assert.Equal("PT30.000S", x.Single("/s:Envelope/s:Header/wsman:OperationTimeout"));
        Assert.Equal("B6710E46-0287-488A-B901-D34F9F19D4DE", x.Single("/s:Envelope/s:Body/rsp:Shell/@ShellId"));
        Assert.Equal("stdin pr", x.Single("/s:Envelope/s:Body/rsp:Shell/rsp:InputStreams"));
        Assert.Equal("stdout", x.Single("/s:Envelope/s:Body/rsp:Shell/rsp:OutputStreams"));
        Assert.Equal("PT300.000S", x.Single("/s:Envelope/s:Body/rsp:Shell/rsp:IdleTimeOut"));
        Assert.Equal(gv1, Convert.FromBase64String(x.Single("/s:Envelope/s:Body/rsp:Shell/ps:creationXml")));
    }

    [Fact]
    public void Command_carries_CREATE_PIPELINE_in_Arguments()
    {
        var gv5 = Golden("gv5-create-pipeline");
        var (envelope, _) = ShellRequests.Command(Context, ShellRequests.Id(ShellGuid), CommandGuid, gv5);
        var x = new EnvelopeXPath(envelope);
        Assert.Equal("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Command", x.Single("/s:Envelope/s:Header/wsa:Action"));
        Assert.Equal("B6710E46-0287-488A-B901-D34F9F19D4DE", x.Single("/s:Envelope/s:Header/wsman:SelectorSet/wsman:Selector[@Name='ShellId']"));
        Assert.Equal("5312EA72-F75E-409A-8950-BE4CD921563C", x.Single("/s:Envelope/s:Body/rsp:CommandLine/@CommandId"));
        Assert.Equal(1, x.Count("/s:Envelope/s:Body/rsp:CommandLine/rsp:Command"));
        Assert.Equal(gv5, Convert.FromBase64String(x.Single("/s:Envelope/s:Body/rsp:CommandLine/rsp:Arguments")));
    }

    [Theory]
    [InlineData("stdin")]
    [InlineData("pr")]
    public void Send_names_the_stream_and_the_command(string stream)
    {
        var gv4 = Golden("gv4-pipeline-input");
        var (envelope, _) = ShellRequests.Send(Context, ShellRequests.Id(ShellGuid), CommandGuid, stream, gv4);
        var x = new EnvelopeXPath(envelope);
        Assert.Equal("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Send", x.Single("/s:Envelope/s:Header/wsa:Action"));
        Assert.Equal(gv4, Convert.FromBase64String(x.Single($"/s:Envelope/s:Body/rsp:Send/rsp:Stream[@Name='{stream}' and @CommandId='5312EA72-F75E-409A-8950-BE4CD921563C']")));
    }

    [Fact]
    public void Send_to_the_shell_has_no_CommandId()
    {
        var (envelope, _) = ShellRequests.Send(Context, ShellRequests.Id(ShellGuid), null, "stdin", new byte[] { 1, 2, 3 });
        Assert.Equal(0, new EnvelopeXPath(envelope).Count("//rsp:Stream/@CommandId"));
    }

    [Fact]
    public void Receive_asks_for_stdout_of_the_shell_or_one_command_with_keepalive()
    {
        var shell = new EnvelopeXPath(ShellRequests.Receive(Context, "S", null).Envelope);
        Assert.Equal("True", shell.Single("/s:Envelope/s:Header/wsman:OptionSet/wsman:Option[@Name='WSMAN_CMDSHELL_OPTION_KEEPALIVE']"));
        Assert.Equal("stdout", shell.Single("/s:Envelope/s:Body/rsp:Receive/rsp:DesiredStream[not(@CommandId)]"));

        var command = new EnvelopeXPath(ShellRequests.Receive(Context, "S", CommandGuid).Envelope);
        Assert.Equal("stdout", command.Single("/s:Envelope/s:Body/rsp:Receive/rsp:DesiredStream[@CommandId='5312EA72-F75E-409A-8950-BE4CD921563C']"));
    }

    [Theory]
    [InlineData("powershell/signal/crtl_c")]
    [InlineData("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/terminate")]
    public void Signal_names_the_command_and_the_code(string code)
    {
        var x = new EnvelopeXPath(ShellRequests.Signal(Context, "S", CommandGuid, code, TimeSpan.FromSeconds(60)).Envelope);
        Assert.Equal("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Signal", x.Single("/s:Envelope/s:Header/wsa:Action"));
        Assert.Equal(code, x.Single("/s:Envelope/s:Body/rsp:Signal[@CommandId='5312EA72-F75E-409A-8950-BE4CD921563C']/rsp:Code"));
        Assert.Equal("PT60.000S", x.Single("/s:Envelope/s:Header/wsman:OperationTimeout"));
    }

    [Fact]
    public void Delete_has_an_empty_body_and_the_shell_selector()
    {
        var x = new EnvelopeXPath(ShellRequests.Delete(Context, "SHELL", TimeSpan.FromSeconds(60)).Envelope);
        Assert.Equal("http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete", x.Single("/s:Envelope/s:Header/wsa:Action"));
        Assert.Equal(0, x.Count("/s:Envelope/s:Body/*"));
        Assert.Equal("SHELL", x.Single("/s:Envelope/s:Header/wsman:SelectorSet/wsman:Selector[@Name='ShellId']"));
    }

    [Theory]
    [InlineData("Create")]
    [InlineData("Command")]
    [InlineData("Send")]
    [InlineData("Receive")]
    public void The_header_has_exactly_the_elements_section_10_3_lists(string action)
    {
        var x = new EnvelopeXPath(action switch
        {
            "Create" => ShellRequests.Create(Context, ShellGuid, "2.3", null, Golden("gv1-creation"), TimeSpan.FromSeconds(20)).Envelope,
            "Command" => ShellRequests.Command(Context, "S", CommandGuid, Golden("gv5-create-pipeline")).Envelope,
            "Send" => ShellRequests.Send(Context, "S", CommandGuid, "stdin", Golden("gv4-pipeline-input")).Envelope,
            _ => ShellRequests.Receive(Context, "S", CommandGuid).Envelope,
        });

        // §10.3: every request carries these once each.
        string[] always =
        [
            "wsa:Action", "wsmv:DataLocale", "wsman:Locale", "wsman:MaxEnvelopeSize", "wsa:MessageID",
            "wsman:OperationTimeout", "wsa:ReplyTo", "wsman:ResourceURI", "wsmv:SessionId", "wsa:To",
        ];
        foreach (var element in always)
        {
            Assert.True(x.Count($"/s:Envelope/s:Header/{element}") == 1, $"{action}: {element} is not there exactly once");
        }

        // The shell selector is on everything after Create; an OptionSet only where an option is needed.
        Assert.Equal(action == "Create" ? 0 : 1, x.Count("/s:Envelope/s:Header/wsman:SelectorSet"));
        // protocolversion on Create, keep-alive on Receive (§10.4); at most one OptionSet anywhere.
        Assert.InRange(x.Count("/s:Envelope/s:Header/wsman:OptionSet"), action is "Create" or "Receive" ? 1 : 0, 1);
        var listed = always.Length + x.Count("/s:Envelope/s:Header/wsman:SelectorSet") + x.Count("/s:Envelope/s:Header/wsman:OptionSet");
        Assert.Equal(listed, x.Count("/s:Envelope/s:Header/*"));
    }

    [Theory]
    [InlineData(8192)]
    [InlineData(153600)]
    [InlineData(512000)]
    public void A_Send_with_the_largest_payload_fits_the_envelope_size(int maxEnvelopeSize)
    {
        var context = Context with { MaxEnvelopeSize = maxEnvelopeSize };
        var payload = ShellRequests.MaxPayload(context, maxEnvelopeSize);
        Assert.InRange(payload, maxEnvelopeSize / 2, maxEnvelopeSize);
        var (envelope, _) = ShellRequests.Send(context, ShellRequests.Id(Guid.NewGuid()), Guid.NewGuid(), "stdin", new byte[payload]);
        Assert.True(envelope.Length <= maxEnvelopeSize, $"{envelope.Length} > {maxEnvelopeSize}");
    }

    [Fact]
    public void Ids_are_upper_case_as_WinRM_compares_them()
    {
        Assert.Matches(UpperGuid(), ShellRequests.Id(Guid.NewGuid()));
    }

    private static byte[] Golden(string name) =>
        Convert.FromBase64String(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "golden", name + ".b64")).Trim());

    [GeneratedRegex("^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")]
    private static partial Regex UpperGuid();
}
