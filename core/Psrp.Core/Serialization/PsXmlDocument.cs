namespace Psrp.Serialization;

/// <summary>
/// An XML document value (<c>&lt;XD&gt;</c>), kept as its outer XML text. It is not parsed here:
/// parsing untrusted XML is the caller's choice, with the caller's settings.
/// </summary>
/// <param name="OuterXml">The document's outer XML.</param>
public sealed record PsXmlDocument(string OuterXml)
{
    /// <inheritdoc />
    public override string ToString() => OuterXml;
}
