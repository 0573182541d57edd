using System.Text;
using System.Xml;

namespace Psrp.Providers.WSMan.Soap;

/// <summary>
/// Writes one SOAP 1.2 request envelope with the WS-Management header of psrp-facts §10.3 and a
/// body supplied by the caller, straight to UTF-8 bytes with <see cref="XmlWriter"/>.
/// </summary>
internal static class EnvelopeWriter
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        OmitXmlDeclaration = true,
        Indent = false,
        CloseOutput = false,
    };

    /// <summary>Writes the envelope; returns its bytes and the MessageID the response must relate to.</summary>
    public static (byte[] Envelope, Guid MessageId) Write(
        WSManRequestContext context,
        string action,
        string? shellId,
        IReadOnlyList<WSManOption>? options,
        Action<XmlWriter>? body,
        TimeSpan? operationTimeout = null,
        int initialCapacity = 2048)
    {
        var messageId = Guid.NewGuid();
        using var stream = new MemoryStream(initialCapacity);
        using (var w = XmlWriter.Create(stream, Settings))
        {
            w.WriteStartElement("s", "Envelope", WSManNamespaces.Soap);
            w.WriteAttributeString("xmlns", "wsa", null, WSManNamespaces.Addressing);
            w.WriteAttributeString("xmlns", "wsman", null, WSManNamespaces.WSMan);
            w.WriteAttributeString("xmlns", "wsmv", null, WSManNamespaces.Microsoft);
            w.WriteAttributeString("xmlns", "rsp", null, WSManNamespaces.Shell);

            w.WriteStartElement("Header", WSManNamespaces.Soap);
            MustUnderstand(w, "wsa", "Action", WSManNamespaces.Addressing, action, true);

            w.WriteStartElement("wsmv", "DataLocale", WSManNamespaces.Microsoft);
            w.WriteAttributeString("mustUnderstand", WSManNamespaces.Soap, "false");
            w.WriteAttributeString("xml", "lang", null, context.DataLocale);
            w.WriteEndElement();
            w.WriteStartElement("wsman", "Locale", WSManNamespaces.WSMan);
            w.WriteAttributeString("mustUnderstand", WSManNamespaces.Soap, "false");
            w.WriteAttributeString("xml", "lang", null, context.Locale);
            w.WriteEndElement();

            MustUnderstand(w, "wsman", "MaxEnvelopeSize", WSManNamespaces.WSMan, context.MaxEnvelopeSize.ToString(System.Globalization.CultureInfo.InvariantCulture), true);
            w.WriteElementString("wsa", "MessageID", WSManNamespaces.Addressing, "uuid:" + messageId.ToString("D").ToUpperInvariant());
            w.WriteElementString("wsman", "OperationTimeout", WSManNamespaces.WSMan, WSManRequestContext.Duration(operationTimeout ?? context.OperationTimeout));
            w.WriteStartElement("wsa", "ReplyTo", WSManNamespaces.Addressing);
            MustUnderstand(w, "wsa", "Address", WSManNamespaces.Addressing, WSManNamespaces.AnonymousRole, true);
            w.WriteEndElement();
            MustUnderstand(w, "wsman", "ResourceURI", WSManNamespaces.WSMan, context.ResourceUri, true);
            MustUnderstand(w, "wsmv", "SessionId", WSManNamespaces.Microsoft, "uuid:" + context.SessionId.ToString("D").ToUpperInvariant(), false);
            w.WriteElementString("wsa", "To", WSManNamespaces.Addressing, context.To.AbsoluteUri);

            if (options is { Count: > 0 })
            {
                w.WriteStartElement("wsman", "OptionSet", WSManNamespaces.WSMan);
                w.WriteAttributeString("mustUnderstand", WSManNamespaces.Soap, "true");
                foreach (var option in options)
                {
                    w.WriteStartElement("wsman", "Option", WSManNamespaces.WSMan);
                    w.WriteAttributeString("Name", option.Name);
                    if (option.MustComply)
                    {
                        w.WriteAttributeString("MustComply", "true");
                    }

                    w.WriteString(option.Value);
                    w.WriteEndElement();
                }

                w.WriteEndElement();
            }

            if (shellId is not null)
            {
                w.WriteStartElement("wsman", "SelectorSet", WSManNamespaces.WSMan);
                w.WriteStartElement("wsman", "Selector", WSManNamespaces.WSMan);
                w.WriteAttributeString("Name", "ShellId");
                w.WriteString(shellId);
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement(); // Header

            w.WriteStartElement("Body", WSManNamespaces.Soap);
            body?.Invoke(w);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        return (stream.ToArray(), messageId);
    }

    private static void MustUnderstand(XmlWriter w, string prefix, string name, string ns, string value, bool mustUnderstand)
    {
        w.WriteStartElement(prefix, name, ns);
        w.WriteAttributeString("mustUnderstand", WSManNamespaces.Soap, mustUnderstand ? "true" : "false");
        w.WriteString(value);
        w.WriteEndElement();
    }
}
