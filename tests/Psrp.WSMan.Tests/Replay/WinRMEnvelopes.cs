using System.Text;
using System.Xml;
using Psrp.Providers.WSMan.Soap;

namespace Psrp.WSMan.Tests.Replay;

/// <summary>
/// Response envelopes shaped as psrp-facts §10.3/§10.4 describes WinRM's (header with Action and
/// RelatesTo; the CreateResponse, CommandResponse, ReceiveResponse and ConnectResponse bodies) and
/// §10.5's faults, written here so the §13 payloads can be replayed through the provider's parser.
/// </summary>
internal static class WinRMEnvelopes
{
    private const string ShellAction = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/";

    /// <summary>A CreateResponse: ResourceCreated with the ShellId selector and the rsp:Shell description.</summary>
    public static byte[] CreateResponse(Guid relatesTo, string shellId, string resourceUri) =>
        Envelope(WSManNamespaces.Transfer + "/CreateResponse", relatesTo, w =>
        {
            w.WriteStartElement("x", "ResourceCreated", WSManNamespaces.Transfer);
            w.WriteElementString("a", "Address", WSManNamespaces.Addressing, "http://server.example:5985/wsman");
            w.WriteStartElement("a", "ReferenceParameters", WSManNamespaces.Addressing);
            w.WriteElementString("w", "ResourceURI", WSManNamespaces.WSMan, resourceUri);
            w.WriteStartElement("w", "SelectorSet", WSManNamespaces.WSMan);
            w.WriteStartElement("w", "Selector", WSManNamespaces.WSMan);
            w.WriteAttributeString("Name", "ShellId");
            w.WriteString(shellId);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();

            w.WriteStartElement("rsp", "Shell", WSManNamespaces.Shell);
            w.WriteElementString("rsp", "ShellId", WSManNamespaces.Shell, shellId);
            w.WriteElementString("rsp", "ResourceUri", WSManNamespaces.Shell, resourceUri);
            w.WriteElementString("rsp", "Owner", WSManNamespaces.Shell, "EXAMPLE\\user");
            w.WriteElementString("rsp", "ClientIP", WSManNamespaces.Shell, "192.0.2.10");
            w.WriteElementString("rsp", "ProcessId", WSManNamespaces.Shell, "4242");
            w.WriteElementString("rsp", "IdleTimeOut", WSManNamespaces.Shell, "PT7200.000S");
            w.WriteElementString("rsp", "InputStreams", WSManNamespaces.Shell, "stdin pr");
            w.WriteElementString("rsp", "OutputStreams", WSManNamespaces.Shell, "stdout");
            w.WriteElementString("rsp", "MaxIdleTimeOut", WSManNamespaces.Shell, "PT2147483.647S");
            w.WriteElementString("rsp", "BufferMode", WSManNamespaces.Shell, "Block");
            w.WriteElementString("rsp", "State", WSManNamespaces.Shell, "Connected");
            w.WriteEndElement();
        });

    /// <summary>A CommandResponse naming the command.</summary>
    public static byte[] CommandResponse(Guid relatesTo, string commandId) =>
        Envelope(ShellAction + "CommandResponse", relatesTo, w =>
        {
            w.WriteStartElement("rsp", "CommandResponse", WSManNamespaces.Shell);
            w.WriteElementString("rsp", "CommandId", WSManNamespaces.Shell, commandId);
            w.WriteEndElement();
        });

    /// <summary>A ReceiveResponse with one stdout stream per payload and, for a command, optionally its CommandState.</summary>
    public static byte[] ReceiveResponse(Guid relatesTo, string? commandId, IEnumerable<byte[]> payloads, string? commandState = null, int? exitCode = null) =>
        Envelope(ShellAction + "ReceiveResponse", relatesTo, w =>
        {
            w.WriteStartElement("rsp", "ReceiveResponse", WSManNamespaces.Shell);
            foreach (var payload in payloads)
            {
                w.WriteStartElement("rsp", "Stream", WSManNamespaces.Shell);
                w.WriteAttributeString("Name", "stdout");
                if (commandId is not null)
                {
                    w.WriteAttributeString("CommandId", commandId);
                }

                w.WriteBase64(payload, 0, payload.Length);
                w.WriteEndElement();
            }

            if (commandState is not null)
            {
                w.WriteStartElement("rsp", "CommandState", WSManNamespaces.Shell);
                w.WriteAttributeString("CommandId", commandId);
                w.WriteAttributeString("State", ShellAction + "CommandState/" + commandState);
                if (exitCode is { } code)
                {
                    w.WriteElementString("rsp", "ExitCode", WSManNamespaces.Shell, code.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        });

    /// <summary>A ConnectResponse: the stream names and the connectResponseXml payload.</summary>
    public static byte[] ConnectResponse(Guid relatesTo, byte[] connectResponseXml) =>
        Envelope(ShellAction + "ConnectResponse", relatesTo, w =>
        {
            w.WriteStartElement("rsp", "ConnectResponse", WSManNamespaces.Shell);
            w.WriteElementString("rsp", "InputStreams", WSManNamespaces.Shell, "stdin pr");
            w.WriteElementString("rsp", "OutputStreams", WSManNamespaces.Shell, "stdout");
            w.WriteStartElement("connectResponseXml", WSManNamespaces.PowerShell);
            w.WriteBase64(connectResponseXml, 0, connectResponseXml.Length);
            w.WriteEndElement();
            w.WriteEndElement();
        });

    /// <summary>A SOAP fault with WinRM's f:WSManFault detail (code, machine, message).</summary>
    public static byte[] Fault(Guid relatesTo, string code, string subcode, string reason, uint wsmanCode, string machine, string message) =>
        Envelope(WSManNamespaces.Addressing + "/fault", relatesTo, w =>
        {
            w.WriteStartElement("s", "Fault", WSManNamespaces.Soap);
            w.WriteStartElement("s", "Code", WSManNamespaces.Soap);
            w.WriteElementString("s", "Value", WSManNamespaces.Soap, code);
            w.WriteStartElement("s", "Subcode", WSManNamespaces.Soap);
            w.WriteElementString("s", "Value", WSManNamespaces.Soap, subcode);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("s", "Reason", WSManNamespaces.Soap);
            w.WriteStartElement("s", "Text", WSManNamespaces.Soap);
            w.WriteAttributeString("xml", "lang", null, "en-US");
            w.WriteString(reason);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("s", "Detail", WSManNamespaces.Soap);
            w.WriteStartElement("f", "WSManFault", WSManNamespaces.Fault);
            w.WriteAttributeString("Code", wsmanCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteAttributeString("Machine", machine);
            w.WriteElementString("f", "Message", WSManNamespaces.Fault, message);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        });

    private static byte[] Envelope(string action, Guid relatesTo, Action<XmlWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            w.WriteStartElement("s", "Envelope", WSManNamespaces.Soap);
            w.WriteAttributeString("xmlns", "a", null, WSManNamespaces.Addressing);
            w.WriteAttributeString("xmlns", "w", null, WSManNamespaces.WSMan);
            w.WriteAttributeString("xmlns", "rsp", null, WSManNamespaces.Shell);
            w.WriteStartElement("s", "Header", WSManNamespaces.Soap);
            w.WriteElementString("a", "Action", WSManNamespaces.Addressing, action);
            w.WriteElementString("a", "MessageID", WSManNamespaces.Addressing, "uuid:" + Guid.NewGuid().ToString("D").ToUpperInvariant());
            w.WriteElementString("a", "To", WSManNamespaces.Addressing, WSManNamespaces.AnonymousRole);
            w.WriteElementString("a", "RelatesTo", WSManNamespaces.Addressing, "uuid:" + relatesTo.ToString("D").ToUpperInvariant());
            w.WriteEndElement();
            w.WriteStartElement("s", "Body", WSManNamespaces.Soap);
            body(w);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        return buffer.ToArray();
    }
}
