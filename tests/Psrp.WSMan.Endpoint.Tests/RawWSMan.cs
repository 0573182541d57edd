using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;

namespace Psrp.WSMan.Endpoint.Tests;

/// <summary>
/// Raw SOAP over HttpClient, envelopes written here in the request shapes of the recorded WinRM
/// traffic (psrp-facts §10.3/§13, pypsrp recordings) — deliberately not any client provider's code.
/// </summary>
internal sealed class RawWSMan : IDisposable
{
    public const string ResourceUri = "http://schemas.microsoft.com/powershell/Microsoft.PowerShell";

    private static readonly XNamespace S = "http://www.w3.org/2003/05/soap-envelope";
    private static readonly XNamespace A = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    private static readonly XNamespace W = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    private static readonly XNamespace Rsp = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    private static readonly XNamespace F = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";

    private readonly HttpClient _http;

    public RawWSMan(Uri uri, string? user, string? password, X509Certificate2? trust = null, X509Certificate2? clientCertificate = null, bool mutual = false)
    {
        Uri = uri;
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (trust is not null || clientCertificate is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                if (trust is null || certificate is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(trust);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
            };
            if (clientCertificate is not null)
            {
                handler.SslOptions.ClientCertificates = [clientCertificate];
            }
        }

        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(120) };
        if (mutual)
        {
            _http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/mutual");
        }
        else if (user is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }
    }

    public Uri Uri { get; }

    public int MaxEnvelopeSize { get; set; } = 153600;

    public string Resource { get; set; } = ResourceUri;

    public void Dispose() => _http.Dispose();

    /// <summary>One WS-Management request as the recordings show it.</summary>
    public static string Envelope(string action, string messageId, XElement? body, string resourceUri, string? shellId = null, int maxEnvelopeSize = 153600, string operationTimeout = "PT60S", params (string Name, string Value, bool MustComply)[] options)
    {
        var header = new XElement(S + "Header",
            new XElement(A + "Action", new XAttribute(S + "mustUnderstand", "true"), action),
            new XElement(W + "MaxEnvelopeSize", new XAttribute(S + "mustUnderstand", "true"), maxEnvelopeSize),
            new XElement(A + "MessageID", messageId),
            new XElement(W + "OperationTimeout", operationTimeout),
            new XElement(A + "ReplyTo", new XElement(A + "Address", new XAttribute(S + "mustUnderstand", "true"), "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous")),
            new XElement(W + "ResourceURI", new XAttribute(S + "mustUnderstand", "true"), resourceUri),
            new XElement(A + "To", "http://127.0.0.1/wsman"));
        if (options.Length > 0)
        {
            header.Add(new XElement(W + "OptionSet", new XAttribute(S + "mustUnderstand", "true"),
                options.Select(o => new XElement(W + "Option", new XAttribute("Name", o.Name), o.MustComply ? new XAttribute("MustComply", "true") : null, o.Value))));
        }

        if (shellId is not null)
        {
            header.Add(new XElement(W + "SelectorSet", new XElement(W + "Selector", new XAttribute("Name", "ShellId"), shellId)));
        }

        var envelope = new XElement(S + "Envelope",
            new XAttribute(XNamespace.Xmlns + "s", S), new XAttribute(XNamespace.Xmlns + "wsa", A),
            new XAttribute(XNamespace.Xmlns + "wsman", W), new XAttribute(XNamespace.Xmlns + "rsp", Rsp),
            header, new XElement(S + "Body", body));
        return envelope.ToString(SaveOptions.DisableFormatting);
    }

    public static string NewMessageId() => "uuid:" + Guid.NewGuid().ToString("D").ToUpperInvariant();

    public async Task<Reply> PostAsync(string envelope, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(envelope, new UTF8Encoding(false), "application/soap+xml");
        content.Headers.ContentType!.CharSet = "UTF-8";
        using var response = await _http.PostAsync(Uri, content, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new Reply(response.StatusCode, bytes, response.Headers.WwwAuthenticate.Select(h => h.ToString()).ToArray(), response.Headers.Location);
    }

    public Task<Reply> CreateAsync(string shellId, string creationXml, string protocolVersion = "2.3", string? messageId = null) =>
        PostAsync(Envelope("http://schemas.xmlsoap.org/ws/2004/09/transfer/Create", messageId ?? NewMessageId(),
            new XElement(Rsp + "Shell", new XAttribute("ShellId", shellId),
                new XElement(Rsp + "InputStreams", "stdin pr"),
                new XElement(Rsp + "OutputStreams", "stdout"),
                new XElement(XNamespace.Get("http://schemas.microsoft.com/powershell") + "creationXml", creationXml)),
            Resource, maxEnvelopeSize: MaxEnvelopeSize, options: [("protocolversion", protocolVersion, true)]));

    public Task<Reply> ReceiveAsync(string shellId, string? commandId = null, string timeout = "PT20S", string? messageId = null, CancellationToken cancellationToken = default) =>
        PostAsync(Envelope("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Receive", messageId ?? NewMessageId(),
            new XElement(Rsp + "Receive", new XElement(Rsp + "DesiredStream", commandId is null ? null : new XAttribute("CommandId", commandId), "stdout")),
            Resource, shellId, MaxEnvelopeSize, timeout, ("WSMAN_CMDSHELL_OPTION_KEEPALIVE", "True", false)), cancellationToken);

    public Task<Reply> CommandAsync(string shellId, string commandId, byte[] arguments) =>
        PostAsync(Envelope("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Command", NewMessageId(),
            new XElement(Rsp + "CommandLine", new XAttribute("CommandId", commandId),
                new XElement(Rsp + "Command", " "),
                new XElement(Rsp + "Arguments", Convert.ToBase64String(arguments))),
            Resource, shellId, MaxEnvelopeSize, options: ("WINRS_SKIP_CMD_SHELL", "False", false)));

    public Task<Reply> SendAsync(string shellId, string? commandId, string stream, byte[] data) =>
        PostAsync(Envelope("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Send", NewMessageId(),
            new XElement(Rsp + "Send", new XElement(Rsp + "Stream", new XAttribute("Name", stream), commandId is null ? null : new XAttribute("CommandId", commandId), Convert.ToBase64String(data))),
            Resource, shellId, MaxEnvelopeSize));

    /// <summary>A Send whose envelope is at least <paramref name="payload"/> long, for size limits.</summary>
    public Task<Reply> SendAsyncRaw(string messageId, byte[] payload) =>
        PostAsync(Envelope("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Send", messageId,
            new XElement(Rsp + "Send", new XElement(Rsp + "Stream", new XAttribute("Name", "stdin"), Convert.ToBase64String(payload))),
            Resource, "00000000-0000-0000-0000-000000000001", MaxEnvelopeSize));

    public Task<Reply> SignalAsync(string shellId, string commandId, string code) =>
        PostAsync(Envelope("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Signal", NewMessageId(),
            new XElement(Rsp + "Signal", new XAttribute("CommandId", commandId), new XElement(Rsp + "Code", code)),
            Resource, shellId, MaxEnvelopeSize));

    public Task<Reply> DeleteAsync(string shellId) =>
        PostAsync(Envelope("http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete", NewMessageId(), null, Resource, shellId, MaxEnvelopeSize));

    /// <summary>An HTTP reply, with the envelope parsed when there is one.</summary>
    internal sealed record Reply(HttpStatusCode Status, byte[] Body, string[] WwwAuthenticate, Uri? Location)
    {
        private XDocument? _document;

        public XDocument Document => _document ??= XDocument.Parse(Encoding.UTF8.GetString(Body));

        public string? Action => Document.Root?.Element(S + "Header")?.Element(A + "Action")?.Value;

        public string? RelatesTo => Document.Root?.Element(S + "Header")?.Element(A + "RelatesTo")?.Value;

        public XElement BodyElement => Document.Root!.Element(S + "Body")!;

        public bool IsFault => BodyElement.Element(S + "Fault") is not null;

        public string? FaultSubcode => BodyElement.Element(S + "Fault")?.Element(S + "Code")?.Element(S + "Subcode")?.Element(S + "Value")?.Value;

        public string? WSManFaultCode => (string?)BodyElement.Descendants(F + "WSManFault").FirstOrDefault()?.Attribute("Code");

        public string? Machine => (string?)BodyElement.Descendants(F + "WSManFault").FirstOrDefault()?.Attribute("Machine");

        public IReadOnlyList<XElement> Streams => BodyElement.Element(Rsp + "ReceiveResponse")?.Elements(Rsp + "Stream").ToArray() ?? [];

        public XElement? CommandState => BodyElement.Element(Rsp + "ReceiveResponse")?.Element(Rsp + "CommandState");

        public string Text => Encoding.UTF8.GetString(Body);
    }
}
