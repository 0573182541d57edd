using System.Xml;
using System.Xml.XPath;

namespace Psrp.WSMan.Tests.Envelopes;

/// <summary>XPath over an envelope with the usual WS-Management prefixes bound.</summary>
internal sealed class EnvelopeXPath
{
    private readonly XPathNavigator _navigator;
    private readonly XmlNamespaceManager _namespaces;

    public EnvelopeXPath(byte[] envelope)
    {
        var document = new XPathDocument(new MemoryStream(envelope));
        _navigator = document.CreateNavigator();
        _namespaces = new XmlNamespaceManager(_navigator.NameTable);
        _namespaces.AddNamespace("s", "http://www.w3.org/2003/05/soap-envelope");
        _namespaces.AddNamespace("wsa", "http://schemas.xmlsoap.org/ws/2004/08/addressing");
        _namespaces.AddNamespace("wsman", "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd");
        _namespaces.AddNamespace("wsmv", "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd");
        _namespaces.AddNamespace("rsp", "http://schemas.microsoft.com/wbem/wsman/1/windows/shell");
        _namespaces.AddNamespace("ps", "http://schemas.microsoft.com/powershell");
    }

    /// <summary>The string value of the single node <paramref name="xpath"/> selects; fails when it selects none or several.</summary>
    public string Single(string xpath)
    {
        var nodes = _navigator.Select(xpath, _namespaces);
        Assert.True(nodes.Count == 1, $"{xpath} selected {nodes.Count} nodes");
        nodes.MoveNext();
        return nodes.Current!.Value;
    }

    public int Count(string xpath) => _navigator.Select(xpath, _namespaces).Count;

    /// <summary>The local names of the header's children, in order.</summary>
    public IReadOnlyList<string> HeaderChildren()
    {
        var list = new List<string>();
        var nodes = _navigator.Select("/s:Envelope/s:Header/*", _namespaces);
        while (nodes.MoveNext())
        {
            list.Add(nodes.Current!.LocalName);
        }

        return list;
    }
}
