using System.Text;
using System.Xml;

namespace Psrp.Tests.Serialization.Support;

/// <summary>
/// A layout-free rendering of a CLIXML document so that PowerShell's indented output and our
/// compact output can be compared exactly: indentation between elements is dropped (but text in
/// a leaf element, even all spaces, is kept), <c>&lt;X /&gt;</c> and <c>&lt;X&gt;&lt;/X&gt;</c>
/// render alike, attributes are sorted and namespace declarations ignored.
/// </summary>
internal static class ClixmlCanonicalForm
{
    public static string Of(string xml)
    {
        var settings = new XmlReaderSettings
        {
            ConformanceLevel = ConformanceLevel.Fragment,
            CheckCharacters = false,
            IgnoreComments = true,
            DtdProcessing = DtdProcessing.Prohibit,
        };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        var sb = new StringBuilder(xml.Length);
        var pending = new StringBuilder();
        var hasChildElement = new Stack<bool>();

        void FlushText(bool leaf)
        {
            if (pending.Length > 0 && (leaf || !IsWhitespace(pending)))
            {
                Escape(sb, pending.ToString(), attribute: false);
            }

            pending.Clear();
        }

        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (hasChildElement.Count > 0)
                    {
                        hasChildElement.Pop();
                        hasChildElement.Push(true);
                    }

                    FlushText(leaf: false);
                    var name = reader.LocalName;
                    sb.Append('<').Append(name);
                    var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
                    while (reader.MoveToNextAttribute())
                    {
                        if (reader.Name != "xmlns" && !reader.Name.StartsWith("xmlns:", StringComparison.Ordinal))
                        {
                            attributes[reader.LocalName] = reader.Value;
                        }
                    }

                    reader.MoveToElement();
                    foreach (var (key, value) in attributes)
                    {
                        sb.Append(' ').Append(key).Append("=\"");
                        Escape(sb, value, attribute: true);
                        sb.Append('"');
                    }

                    sb.Append('>');
                    if (reader.IsEmptyElement)
                    {
                        sb.Append("</").Append(name).Append('>');
                    }
                    else
                    {
                        hasChildElement.Push(false);
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    pending.Append(reader.Value);
                    break;
                case XmlNodeType.EndElement:
                    FlushText(leaf: !hasChildElement.Pop());
                    sb.Append("</").Append(reader.LocalName).Append('>');
                    break;
            }
        }

        FlushText(leaf: false);
        return sb.ToString();
    }

    private static bool IsWhitespace(StringBuilder text)
    {
        foreach (var chunk in text.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                if (c is not (' ' or '\t' or '\r' or '\n'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static void Escape(StringBuilder sb, string text, bool attribute)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => sb.Append("&amp;"),
                '<' => sb.Append("&lt;"),
                '>' => sb.Append("&gt;"),
                '"' when attribute => sb.Append("&quot;"),
                _ => sb.Append(c),
            };
        }
    }
}
