using System.Text;
using Psrp.Providers.WSMan;
using Psrp.Providers.WSMan.Soap;
using Psrp.Transport;

namespace Psrp.Fuzz.Targets;

/// <summary>
/// A WSMan response envelope (providers/Psrp.Providers.WSMan/Soap): <see cref="WSManResponse.Parse"/>,
/// the fault as the client reports it (<see cref="WSManFaultException"/>'s message), and every
/// accessor the transport reads — shell id and description, command id, received streams, command state.
/// </summary>
public sealed class WSManResponseTarget : IFuzzTarget
{
    private const string Envelope = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\" xmlns:rsp=\"http://schemas.microsoft.com/wbem/wsman/1/windows/shell\" xmlns:x=\"http://schemas.xmlsoap.org/ws/2004/09/transfer\" xmlns:f=\"http://schemas.microsoft.com/wbem/wsman/1/wsmanfault\">"
        + "<s:Header><a:Action>{0}</a:Action><a:MessageID>uuid:0B6B3F5B-9B5E-4C43-8A76-2D2AE0D6E0E1</a:MessageID><a:RelatesTo>uuid:5F3A2C1B-0D4E-4F6A-8B7C-9D0E1F2A3B4C</a:RelatesTo></s:Header>"
        + "<s:Body>{1}</s:Body></s:Envelope>";

    /// <inheritdoc />
    public string Name => "wsman-response";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        try
        {
            var response = WSManResponse.Parse(input.ToArray(), maxCharacters: 1 << 20);
            _ = response.Action;
            _ = response.RelatesTo;
            if (response.Fault is { } fault)
            {
                _ = new WSManFaultException(TransportPhase.Connect, "Receive", fault).Message;
                _ = fault.IsOperationTimeout;
                _ = fault.Name;
            }

            _ = response.ShellId;
            _ = response.Shell;
            _ = response.CommandId;
            foreach (var stream in response.Streams())
            {
                _ = stream.Name;
            }

            _ = response.CommandState();
        }
        catch (PsrpProtocolException)
        {
        }
    }

    /// <inheritdoc />
    public IEnumerable<(string Name, byte[] Bytes)> Seeds(Golden golden)
    {
        const string Shell = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/";
        yield return ("create-response", Make(WSManNamespaces.Transfer + "/CreateResponse",
            "<x:ResourceCreated><a:Address>http://server:5985/wsman</a:Address><a:ReferenceParameters><w:ResourceURI>http://schemas.microsoft.com/powershell/Microsoft.PowerShell</w:ResourceURI>"
            + "<w:SelectorSet><w:Selector Name=\"ShellId\">7A1C2B3D-4E5F-6A7B-8C9D-0E1F2A3B4C5D</w:Selector></w:SelectorSet></a:ReferenceParameters></x:ResourceCreated>"
            + "<rsp:Shell><rsp:ShellId>7A1C2B3D-4E5F-6A7B-8C9D-0E1F2A3B4C5D</rsp:ShellId><rsp:IdleTimeOut>PT7200.000S</rsp:IdleTimeOut><rsp:InputStreams>stdin pr</rsp:InputStreams><rsp:OutputStreams>stdout</rsp:OutputStreams></rsp:Shell>"));
        yield return ("command-response", Make(Shell + "CommandResponse", "<rsp:CommandResponse><rsp:CommandId>1D2E3F4A-5B6C-7D8E-9F0A-1B2C3D4E5F6A</rsp:CommandId></rsp:CommandResponse>"));
        var streams = new StringBuilder("<rsp:ReceiveResponse>");
        foreach (var (_, bytes) in golden.Payloads.Take(3))
        {
            streams.Append("<rsp:Stream Name=\"stdout\" CommandId=\"1D2E3F4A-5B6C-7D8E-9F0A-1B2C3D4E5F6A\">").Append(Convert.ToBase64String(bytes)).Append("</rsp:Stream>");
        }

        streams.Append("<rsp:Stream Name=\"stdout\" CommandId=\"1D2E3F4A-5B6C-7D8E-9F0A-1B2C3D4E5F6A\" End=\"true\"></rsp:Stream>")
            .Append("<rsp:CommandState CommandId=\"1D2E3F4A-5B6C-7D8E-9F0A-1B2C3D4E5F6A\" State=\"http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Done\"><rsp:ExitCode>0</rsp:ExitCode></rsp:CommandState>")
            .Append("</rsp:ReceiveResponse>");
        yield return ("receive-response", Make(Shell + "ReceiveResponse", streams.ToString()));
        yield return ("fault", Make("http://schemas.dmtf.org/wbem/wsman/1/wsman/fault",
            "<s:Fault><s:Code><s:Value>s:Receiver</s:Value><s:Subcode><s:Value>w:TimedOut</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang=\"en-US\">The WS-Management service cannot complete the operation within the time specified in OperationTimeout.</s:Text></s:Reason>"
            + "<s:Detail><f:WSManFault Code=\"2150858793\" Machine=\"server\"><f:Message><f:ProviderFault provider=\"microsoft.powershell\" path=\"C:\\Windows\\system32\\pwrshplugin.dll\"><f:WSManFault Code=\"2150858843\" Machine=\"server\"><f:Message>The request for the Windows Remote Shell with ShellId x failed.</f:Message></f:WSManFault></f:ProviderFault></f:Message></f:WSManFault>"
            + "<w:FaultDetail>http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/InvalidValue</w:FaultDetail></s:Detail></s:Fault>"));
    }

    private static byte[] Make(string action, string body) =>
        Encoding.UTF8.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, Envelope, action, body));
}
