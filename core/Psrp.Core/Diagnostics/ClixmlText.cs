using System.Text;
using System.Xml;

namespace Psrp.Diagnostics;

/// <summary>Shows CLIXML readably: one element per line, indented. Safe on hostile input (no DTDs, bounded size).</summary>
public static class ClixmlText
{
    /// <summary>
    /// Indents <paramref name="xml"/>; text that is not well-formed XML comes back as it is. At most
    /// <paramref name="maxChars"/> characters are returned (the rest is counted, not shown).
    /// </summary>
    public static string Indent(string xml, int maxChars = 64 << 10)
    {
        ArgumentNullException.ThrowIfNull(xml);
        string result;
        try
        {
            var settings = new XmlReaderSettings
            {
                ConformanceLevel = ConformanceLevel.Fragment,
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                IgnoreWhitespace = true,
                MaxCharactersInDocument = Math.Max(xml.Length, 1) * 2L,
            };
            var builder = new StringBuilder(xml.Length * 2);
            using (var reader = XmlReader.Create(new StringReader(xml), settings))
            using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Indent = true, IndentChars = "  ", OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment, NewLineChars = "\n" }))
            {
                writer.WriteNode(reader, defattr: true);
            }

            result = builder.ToString();
        }
        catch (XmlException)
        {
            result = xml;
        }

        return result.Length <= maxChars ? result : string.Concat(result.AsSpan(0, maxChars), $"\n… ({result.Length - maxChars} more characters)");
    }
}
