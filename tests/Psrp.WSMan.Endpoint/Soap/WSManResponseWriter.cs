using System.Text;
using System.Xml;

namespace Psrp.WSMan.Endpoint.Soap;

/// <summary>
/// Writes response envelopes in the shapes of the recorded WinRM responses (psrp-facts §13; pypsrp
/// recordings): prefixes <c>s a x w rsp p</c>, <c>xml:lang</c> on the envelope, a fresh upper-case
/// <c>uuid:</c> MessageID, <c>a:To</c> anonymous and <c>a:RelatesTo</c> the request's MessageID.
/// UTF-8 without BOM or declaration.
/// </summary>
public static class WSManResponseWriter
{
    /// <summary>The content type of every response (and request).</summary>
    public const string ContentType = "application/soap+xml;charset=UTF-8";

    private static readonly XmlWriterSettings Settings = new()
    {
        OmitXmlDeclaration = true,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
    };

    private static readonly (string Prefix, string Uri)[] ShellNamespaces =
    [
        ("a", WSManNamespaces.Addressing.NamespaceName),
        ("x", WSManNamespaces.Transfer.NamespaceName),
        ("w", WSManNamespaces.WSMan.NamespaceName),
        ("rsp", WSManNamespaces.Shell.NamespaceName),
        ("p", WSManNamespaces.MicrosoftWSMan.NamespaceName),
    ];

    private static readonly (string Prefix, string Uri)[] ReceiveNamespaces =
    [
        ("a", WSManNamespaces.Addressing.NamespaceName),
        ("w", WSManNamespaces.WSMan.NamespaceName),
        ("rsp", WSManNamespaces.Shell.NamespaceName),
        ("p", WSManNamespaces.MicrosoftWSMan.NamespaceName),
    ];

    private static readonly (string Prefix, string Uri)[] DeleteNamespaces =
    [
        ("a", WSManNamespaces.Addressing.NamespaceName),
        ("w", WSManNamespaces.WSMan.NamespaceName),
        ("p", WSManNamespaces.MicrosoftWSMan.NamespaceName),
    ];

    private static readonly (string Prefix, string Uri)[] FaultNamespaces =
    [
        ("a", WSManNamespaces.Addressing.NamespaceName),
        ("x", WSManNamespaces.Transfer.NamespaceName),
        ("e", "http://schemas.xmlsoap.org/ws/2004/08/eventing"),
        ("n", "http://schemas.xmlsoap.org/ws/2004/09/enumeration"),
        ("w", WSManNamespaces.WSMan.NamespaceName),
        ("p", WSManNamespaces.MicrosoftWSMan.NamespaceName),
    ];

    /// <summary>CreateResponse: <c>x:ResourceCreated</c> (the shell's EPR) and the <c>rsp:Shell</c> description.</summary>
    public static byte[] CreateResponse(string? relatesTo, string address, ShellDescription shell) =>
        Write(WSManActions.CreateResponse, relatesTo, ShellNamespaces, w =>
        {
            w.WriteStartElement("x", "ResourceCreated", WSManNamespaces.Transfer.NamespaceName);
            w.WriteElementString("a", "Address", WSManNamespaces.Addressing.NamespaceName, address);
            w.WriteStartElement("a", "ReferenceParameters", WSManNamespaces.Addressing.NamespaceName);
            w.WriteElementString("w", "ResourceURI", WSManNamespaces.WSMan.NamespaceName, shell.ResourceUri);
            w.WriteStartElement("w", "SelectorSet", WSManNamespaces.WSMan.NamespaceName);
            w.WriteStartElement("w", "Selector", WSManNamespaces.WSMan.NamespaceName);
            w.WriteAttributeString("Name", "ShellId");
            w.WriteString(shell.ShellId);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();

            var rsp = WSManNamespaces.Shell.NamespaceName;
            w.WriteStartElement("rsp", "Shell", rsp);
            w.WriteAttributeString("xmlns", "rsp", null, rsp);
            w.WriteElementString("rsp", "ShellId", rsp, shell.ShellId);
            w.WriteElementString("rsp", "ResourceUri", rsp, shell.ResourceUri);
            w.WriteElementString("rsp", "Owner", rsp, shell.Owner);
            w.WriteElementString("rsp", "ClientIP", rsp, shell.ClientIP);
            w.WriteElementString("rsp", "ProcessId", rsp, shell.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteElementString("rsp", "IdleTimeOut", rsp, shell.IdleTimeOut);
            w.WriteElementString("rsp", "InputStreams", rsp, "stdin pr");
            w.WriteElementString("rsp", "OutputStreams", rsp, "stdout");
            w.WriteElementString("rsp", "MaxIdleTimeOut", rsp, "PT2147483.647S");
            w.WriteElementString("rsp", "Locale", rsp, "en-US");
            w.WriteElementString("rsp", "DataLocale", rsp, "en-US");
            w.WriteElementString("rsp", "CompressionMode", rsp, "NoCompression");
            w.WriteElementString("rsp", "ProfileLoaded", rsp, "Yes");
            w.WriteElementString("rsp", "Encoding", rsp, "UTF8");
            w.WriteElementString("rsp", "BufferMode", rsp, "Block");
            w.WriteElementString("rsp", "State", rsp, "Connected");
            w.WriteElementString("rsp", "ShellRunTime", rsp, "P0DT0H0M0S");
            w.WriteElementString("rsp", "ShellInactivity", rsp, "P0DT0H0M0S");
            w.WriteEndElement();
        });

    /// <summary>CommandResponse with the command's id.</summary>
    public static byte[] CommandResponse(string? relatesTo, string commandId) =>
        Write(WSManActions.CommandResponse, relatesTo, ShellNamespaces, w =>
        {
            var rsp = WSManNamespaces.Shell.NamespaceName;
            w.WriteStartElement("rsp", "CommandResponse", rsp);
            w.WriteElementString("rsp", "CommandId", rsp, commandId);
            w.WriteEndElement();
        });

    /// <summary>SendResponse (empty).</summary>
    public static byte[] SendResponse(string? relatesTo) =>
        Write(WSManActions.SendResponse, relatesTo, ShellNamespaces, w =>
        {
            w.WriteStartElement("rsp", "SendResponse", WSManNamespaces.Shell.NamespaceName);
            w.WriteEndElement();
        });

    /// <summary>SignalResponse (empty).</summary>
    public static byte[] SignalResponse(string? relatesTo) =>
        Write(WSManActions.SignalResponse, relatesTo, ShellNamespaces, w =>
        {
            w.WriteStartElement("rsp", "SignalResponse", WSManNamespaces.Shell.NamespaceName);
            w.WriteEndElement();
        });

    /// <summary>DeleteResponse: an empty body, written with an end tag as WinRM does.</summary>
    public static byte[] DeleteResponse(string? relatesTo) =>
        Write(WSManActions.DeleteResponse, relatesTo, DeleteNamespaces, _ => { });

    /// <summary>
    /// ReceiveResponse: one <c>rsp:Stream Name="stdout"</c> per chunk (base64), then, when
    /// <paramref name="done"/>, <c>rsp:CommandState</c> Done with ExitCode 0 (what the PowerShell plugin reports).
    /// </summary>
    public static byte[] ReceiveResponse(string? relatesTo, string? commandId, IReadOnlyList<ReadOnlyMemory<byte>> chunks, bool done) =>
        Write(WSManActions.ReceiveResponse, relatesTo, ReceiveNamespaces, w =>
        {
            var rsp = WSManNamespaces.Shell.NamespaceName;
            w.WriteStartElement("rsp", "ReceiveResponse", rsp);
            foreach (var chunk in chunks)
            {
                w.WriteStartElement("rsp", "Stream", rsp);
                w.WriteAttributeString("Name", "stdout");
                if (commandId is not null)
                {
                    w.WriteAttributeString("CommandId", commandId);
                }

                w.WriteString(Convert.ToBase64String(chunk.Span));
                w.WriteEndElement();
            }

            if (done && commandId is not null)
            {
                w.WriteStartElement("rsp", "CommandState", rsp);
                w.WriteAttributeString("CommandId", commandId);
                w.WriteAttributeString("State", WSManActions.CommandStateDone);
                w.WriteElementString("rsp", "ExitCode", rsp, "0");
                w.WriteEndElement();
            }

            w.WriteEndElement();
        });

    /// <summary>Bytes one <c>rsp:Stream</c> element adds to a ReceiveResponse for <paramref name="payloadBytes"/> of data.</summary>
    public static int StreamElementSize(string? commandId, int payloadBytes)
    {
        var open = "<rsp:Stream Name=\"stdout\">".Length + (commandId is null ? 0 : " CommandId=\"\"".Length + commandId.Length);
        return open + ((payloadBytes + 2) / 3 * 4) + "</rsp:Stream>".Length;
    }

    /// <summary>The largest payload whose <c>rsp:Stream</c> element fits in <paramref name="space"/> bytes (0 when none does).</summary>
    public static int MaxPayloadFor(string? commandId, int space)
    {
        var overhead = StreamElementSize(commandId, 0);
        var base64 = space - overhead;
        return base64 < 4 ? 0 : base64 / 4 * 3;
    }

    /// <summary>A SOAP fault in WinRM's shape.</summary>
    public static byte[] Fault(string? relatesTo, WSManFaultException fault, string machine) =>
        Write(WSManActions.Fault, relatesTo, FaultNamespaces, w =>
        {
            var s = WSManNamespaces.Soap.NamespaceName;
            w.WriteStartElement("s", "Fault", s);
            w.WriteStartElement("s", "Code", s);
            w.WriteElementString("s", "Value", s, fault.Code);
            w.WriteStartElement("s", "Subcode", s);
            w.WriteElementString("s", "Value", s, fault.Subcode);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("s", "Reason", s);
            w.WriteStartElement("s", "Text", s);
            w.WriteAttributeString("xml", "lang", null, "en-US");
            w.WriteString(fault.Message + " ");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("s", "Detail", s);
            if (fault.FaultDetail is not null)
            {
                w.WriteElementString("w", "FaultDetail", WSManNamespaces.WSMan.NamespaceName, fault.FaultDetail);
            }

            var f = WSManNamespaces.WSManFault.NamespaceName;
            w.WriteStartElement("f", "WSManFault", f);
            w.WriteAttributeString("xmlns", "f", null, f);
            w.WriteAttributeString("Code", fault.WSManCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteAttributeString("Machine", machine);
            w.WriteElementString("f", "Message", f, fault.Message + " ");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        });

    private static byte[] Write(string action, string? relatesTo, (string Prefix, string Uri)[] namespaces, Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, Settings))
        {
            var s = WSManNamespaces.Soap.NamespaceName;
            var a = WSManNamespaces.Addressing.NamespaceName;
            w.WriteStartElement("s", "Envelope", s);
            w.WriteAttributeString("xml", "lang", null, "en-US");
            w.WriteAttributeString("xmlns", "s", null, s);
            foreach (var (prefix, uri) in namespaces)
            {
                w.WriteAttributeString("xmlns", prefix, null, uri);
            }

            w.WriteStartElement("s", "Header", s);
            w.WriteElementString("a", "Action", a, action);
            w.WriteElementString("a", "MessageID", a, "uuid:" + Guid.NewGuid().ToString("D").ToUpperInvariant());
            w.WriteElementString("a", "To", a, WSManNamespaces.AnonymousAddress);
            if (relatesTo is not null)
            {
                w.WriteElementString("a", "RelatesTo", a, relatesTo);
            }

            w.WriteEndElement();
            w.WriteStartElement("s", "Body", s);
            body(w);
            w.WriteFullEndElement();
            w.WriteEndElement();
        }

        return stream.ToArray();
    }
}
