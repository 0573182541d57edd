using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Psrp.Providers.WSMan.Soap;

/// <summary>
/// A parsed response envelope. Parsing is bounded and safe: no DTDs, no external entities, a
/// character limit on the whole document. Everything read from it is checked for shape and a bad
/// document is a <see cref="PsrpProtocolException"/>.
/// </summary>
internal sealed class WSManResponse
{
    private static readonly XNamespace S = WSManNamespaces.Soap;
    private static readonly XNamespace A = WSManNamespaces.Addressing;
    private static readonly XNamespace W = WSManNamespaces.WSMan;
    private static readonly XNamespace Rsp = WSManNamespaces.Shell;
    private static readonly XNamespace F = WSManNamespaces.Fault;

    private readonly XElement _header;

    private WSManResponse(XDocument document)
    {
        var envelope = document.Root;
        if (envelope is null || envelope.Name != S + "Envelope")
        {
            throw new PsrpProtocolException(PsrpProtocolError.InvalidPacket, $"The response is not a SOAP 1.2 envelope (root {envelope?.Name.ToString() ?? "none"}).");
        }

        _header = envelope.Element(S + "Header") ?? new XElement(S + "Header");
        Body = envelope.Element(S + "Body")
            ?? throw new PsrpProtocolException(PsrpProtocolError.InvalidPacket, "The response envelope has no s:Body.");
        Action = _header.Element(A + "Action")?.Value.Trim();
        RelatesTo = ParseUuid(_header.Element(A + "RelatesTo")?.Value);
        Fault = Body.Element(S + "Fault") is { } fault ? ParseFault(fault) : null;
    }

    /// <summary>The body element.</summary>
    public XElement Body { get; }

    /// <summary>The <c>wsa:Action</c>, if any.</summary>
    public string? Action { get; }

    /// <summary>The <c>wsa:RelatesTo</c> as a GUID, if present and well formed.</summary>
    public Guid? RelatesTo { get; }

    /// <summary>The fault, when the body is a SOAP fault.</summary>
    public WSManFault? Fault { get; }

    /// <summary>Parses an envelope of at most <paramref name="maxCharacters"/> characters.</summary>
    public static WSManResponse Parse(ArraySegment<byte> utf8, long maxCharacters)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxCharacters,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };

        try
        {
            using var stream = new MemoryStream(utf8.Array!, utf8.Offset, utf8.Count, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            return new WSManResponse(XDocument.Load(reader, LoadOptions.None));
        }
        catch (XmlException ex)
        {
            throw new PsrpProtocolException(PsrpProtocolError.MalformedXml, $"The response is not well-formed XML: {ex.Message}");
        }
    }

    /// <summary>The shell id of a CreateResponse (<c>rsp:Shell/rsp:ShellId</c>, else the ResourceCreated selector).</summary>
    public string? ShellId =>
        Body.Element(Rsp + "Shell")?.Element(Rsp + "ShellId")?.Value.Trim()
        ?? Body.Descendants(W + "Selector").FirstOrDefault(s => (string?)s.Attribute("Name") == "ShellId")?.Value.Trim();

    /// <summary>The <c>rsp:Shell</c> element of a CreateResponse (owner, idle timeout, state…), when present.</summary>
    public XElement? Shell => Body.Element(Rsp + "Shell");

    /// <summary>The command id of a CommandResponse.</summary>
    public string? CommandId => Body.Element(Rsp + "CommandResponse")?.Element(Rsp + "CommandId")?.Value.Trim();

    /// <summary>The streams of a ReceiveResponse, in document order.</summary>
    public IReadOnlyList<ReceivedStream> Streams()
    {
        var receive = Body.Element(Rsp + "ReceiveResponse");
        if (receive is null)
        {
            return [];
        }

        var streams = new List<ReceivedStream>();
        foreach (var stream in receive.Elements(Rsp + "Stream"))
        {
            var name = (string?)stream.Attribute("Name")
                ?? throw new PsrpProtocolException(PsrpProtocolError.InvalidPacket, "A ReceiveResponse stream has no Name.");
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(stream.Value);
            }
            catch (FormatException)
            {
                throw new PsrpProtocolException(PsrpProtocolError.InvalidPacket, $"The ReceiveResponse stream '{name}' is not valid base64.");
            }

            var end = string.Equals((string?)stream.Attribute("End"), "true", StringComparison.OrdinalIgnoreCase);
            streams.Add(new ReceivedStream(name, ParseGuid((string?)stream.Attribute("CommandId")), bytes, end));
        }

        return streams;
    }

    /// <summary>The <c>rsp:CommandState</c> of a ReceiveResponse, when present.</summary>
    public CommandStateInfo? CommandState()
    {
        var state = Body.Element(Rsp + "ReceiveResponse")?.Element(Rsp + "CommandState");
        if (state is null)
        {
            return null;
        }

        var exit = state.Element(Rsp + "ExitCode")?.Value.Trim();
        return new CommandStateInfo(
            ParseGuid((string?)state.Attribute("CommandId")),
            ((string?)state.Attribute("State"))?.Trim() ?? string.Empty,
            long.TryParse(exit, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) ? code : null);
    }

    private static WSManFault ParseFault(XElement fault)
    {
        var code = fault.Element(S + "Code");
        var value = code?.Element(S + "Value")?.Value.Trim() ?? "unknown";
        var subcode = code?.Element(S + "Subcode")?.Element(S + "Value")?.Value.Trim();
        var reason = fault.Element(S + "Reason")?.Elements(S + "Text").FirstOrDefault()?.Value.Trim() ?? string.Empty;
        var detail = fault.Element(S + "Detail");
        var wsmanFault = detail?.Element(F + "WSManFault");
        uint? wsmanCode = uint.TryParse((string?)wsmanFault?.Attribute("Code"), NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : null;
        var machine = ((string?)wsmanFault?.Attribute("Machine"))?.Trim();

        // Provider faults nest WSManFault/Message inside Message; the innermost text says most.
        var message = wsmanFault?.DescendantsAndSelf(F + "Message").LastOrDefault(m => !m.HasElements)?.Value.Trim();
        var faultDetail = detail?.Element(W + "FaultDetail")?.Value.Trim();
        return new WSManFault(value, subcode, reason, wsmanCode, machine, string.IsNullOrEmpty(message) ? reason : message, faultDetail);
    }

    private static Guid? ParseUuid(string? text)
    {
        if (text is null)
        {
            return null;
        }

        text = text.Trim();
        if (text.StartsWith("uuid:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[5..];
        }

        return Guid.TryParse(text, out var id) ? id : null;
    }

    private static Guid? ParseGuid(string? text) => text is not null && Guid.TryParse(text, out var id) ? id : null;
}
