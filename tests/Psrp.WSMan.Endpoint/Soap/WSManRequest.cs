using System.Xml;
using System.Xml.Linq;

namespace Psrp.WSMan.Endpoint.Soap;

/// <summary>One parsed request envelope: the header fields WinRM acts on, and the body.</summary>
public sealed class WSManRequest
{
    private WSManRequest(XElement header, XElement body)
    {
        Header = header;
        Body = body;
    }

    /// <summary>The <c>s:Header</c> element.</summary>
    public XElement Header { get; }

    /// <summary>The <c>s:Body</c> element.</summary>
    public XElement Body { get; }

    /// <summary><c>wsa:Action</c>.</summary>
    public string? Action { get; private init; }

    /// <summary><c>wsa:MessageID</c>, echoed as <c>wsa:RelatesTo</c>.</summary>
    public string? MessageId { get; private init; }

    /// <summary><c>wsman:ResourceURI</c>.</summary>
    public string? ResourceUri { get; private init; }

    /// <summary><c>wsman:MaxEnvelopeSize</c>, or null when absent.</summary>
    public int? MaxEnvelopeSize { get; private init; }

    /// <summary><c>wsman:OperationTimeout</c>, or null when absent.</summary>
    public TimeSpan? OperationTimeout { get; private init; }

    /// <summary><c>wsman:SelectorSet</c> entries by name.</summary>
    public IReadOnlyDictionary<string, string> Selectors { get; private init; } = new Dictionary<string, string>();

    /// <summary><c>wsman:OptionSet</c> entries by name, with their MustComply flag.</summary>
    public IReadOnlyDictionary<string, (string Value, bool MustComply)> Options { get; private init; } = new Dictionary<string, (string, bool)>();

    /// <summary>The ShellId selector, or null.</summary>
    public string? ShellId => Selectors.TryGetValue("ShellId", out var id) ? id : null;

    /// <summary>Parses an envelope; any malformation is a <see cref="WSManFaultException"/> (schema validation).</summary>
    public static WSManRequest Parse(ReadOnlyMemory<byte> envelope)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings
            {
                // An endpoint must not be an XML-bomb target either.
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersFromEntities = 0,
                IgnoreComments = true,
            };
            using var stream = new MemoryStream(envelope.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw WSManFaults.SchemaValidation($"The request is not well-formed XML: {ex.Message}");
        }

        var root = document.Root;
        if (root is null || root.Name != WSManNamespaces.Soap + "Envelope")
        {
            throw WSManFaults.SchemaValidation("The request is not a SOAP 1.2 envelope.");
        }

        var header = root.Element(WSManNamespaces.Soap + "Header") ?? throw WSManFaults.SchemaValidation("The envelope has no s:Header.");
        var body = root.Element(WSManNamespaces.Soap + "Body") ?? throw WSManFaults.SchemaValidation("The envelope has no s:Body.");

        var selectors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var selector in header.Elements(WSManNamespaces.WSMan + "SelectorSet").Elements(WSManNamespaces.WSMan + "Selector"))
        {
            selectors[(string?)selector.Attribute("Name") ?? string.Empty] = selector.Value.Trim();
        }

        var options = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        foreach (var option in header.Elements(WSManNamespaces.WSMan + "OptionSet").Elements(WSManNamespaces.WSMan + "Option"))
        {
            var mustComply = string.Equals((string?)option.Attribute("MustComply"), "true", StringComparison.OrdinalIgnoreCase);
            options[(string?)option.Attribute("Name") ?? string.Empty] = (option.Value, mustComply);
        }

        return new WSManRequest(header, body)
        {
            Action = Text(header, WSManNamespaces.Addressing + "Action"),
            MessageId = Text(header, WSManNamespaces.Addressing + "MessageID"),
            ResourceUri = Text(header, WSManNamespaces.WSMan + "ResourceURI"),
            MaxEnvelopeSize = ParseInt(Text(header, WSManNamespaces.WSMan + "MaxEnvelopeSize"), "MaxEnvelopeSize"),
            OperationTimeout = ParseDuration(Text(header, WSManNamespaces.WSMan + "OperationTimeout")),
            Selectors = selectors,
            Options = options,
        };
    }

    private static string? Text(XElement header, XName name) => header.Element(name)?.Value.Trim();

    private static int? ParseInt(string? text, string what)
    {
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw WSManFaults.SchemaValidation($"The {what} header '{text}' is not a number.");
    }

    private static TimeSpan? ParseDuration(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            var value = XmlConvert.ToTimeSpan(text);
            return value > TimeSpan.Zero ? value : throw WSManFaults.SchemaValidation($"The OperationTimeout '{text}' is not positive.");
        }
        catch (FormatException)
        {
            throw WSManFaults.SchemaValidation($"The OperationTimeout '{text}' is not an xs:duration.");
        }
    }
}
