using System.Text;
using System.Xml;

namespace Psrp.Diagnostics;

/// <summary>Shows CLIXML readably: one element per line, indented. Safe on hostile input (no DTDs, bounded size).</summary>
public static class ClixmlText
{
    /// <summary>
    /// The widest indentation, in spaces. Deeper elements line up at this width: indentation that
    /// grows with depth makes the output grow with the square of the nesting (a 281 KB trace of
    /// nested elements became 3.6 GB), and nobody reads the 500th level by its column anyway.
    /// </summary>
    public const int MaxIndentWidth = 64;

    /// <summary>
    /// Indents <paramref name="xml"/>; text that is not well-formed XML comes back as it is. At most
    /// <paramref name="maxChars"/> characters are returned (the rest is counted, not shown). Time and
    /// memory are linear in the input.
    /// </summary>
    public static string Indent(string xml, int maxChars = 64 << 10)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentOutOfRangeException.ThrowIfNegative(maxChars);
        var output = new BoundedText(maxChars);
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
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            Write(reader, output);
        }
        catch (XmlException)
        {
            output = new BoundedText(maxChars);
            output.Append(xml);
        }

        return output.ToString();
    }

    /// <summary>
    /// Writes the nodes as XmlWriter's indenting mode does — an element per line, text kept on its
    /// element's line, no indentation inside mixed content — but in one pass with bounded indentation
    /// (XmlWriter's output, and so its work, grows with depth times lines).
    /// </summary>
    private static void Write(XmlReader reader, BoundedText output)
    {
        // Per open element: whether a child element or comment started a line inside it.
        var hasChildLine = new List<bool>();
        var mixedFrom = -1;
        var first = true;
        while (reader.Read())
        {
            var depth = hasChildLine.Count;
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    NewLine(depth);
                    output.Append('<').Append(reader.Name);
                    while (reader.MoveToNextAttribute())
                    {
                        output.Append(' ').Append(reader.Name).Append("=\"");
                        Escape(reader.Value, attribute: true, output);
                        output.Append('"');
                    }

                    reader.MoveToElement();
                    if (reader.IsEmptyElement)
                    {
                        output.Append(" />");
                    }
                    else
                    {
                        output.Append('>');
                        hasChildLine.Add(false);
                    }

                    break;
                case XmlNodeType.EndElement:
                    var hadChildLine = hasChildLine[depth - 1];
                    hasChildLine.RemoveAt(depth - 1);
                    if (mixedFrom < 0 && hadChildLine)
                    {
                        output.Append('\n');
                        Indentation(depth - 1);
                    }

                    output.Append("</").Append(reader.Name).Append('>');
                    if (mixedFrom == depth)
                    {
                        mixedFrom = -1;
                    }

                    break;
                case XmlNodeType.Text:
                case XmlNodeType.SignificantWhitespace:
                    MarkMixed(depth);
                    Escape(reader.Value, attribute: false, output);
                    break;
                case XmlNodeType.CDATA:
                    MarkMixed(depth);
                    output.Append("<![CDATA[").Append(reader.Value).Append("]]>");
                    break;
                case XmlNodeType.Comment:
                    NewLine(depth);
                    output.Append("<!--").Append(reader.Value).Append("-->");
                    break;
                case XmlNodeType.ProcessingInstruction:
                    NewLine(depth);
                    output.Append("<?").Append(reader.Name).Append(' ').Append(reader.Value).Append("?>");
                    break;
            }
        }

        void MarkMixed(int depth)
        {
            if (mixedFrom < 0)
            {
                mixedFrom = depth;
            }
        }

        void NewLine(int depth)
        {
            if (depth > 0)
            {
                hasChildLine[depth - 1] = true;
            }

            if (first)
            {
                first = false;
                return;
            }

            if (mixedFrom < 0)
            {
                output.Append('\n');
                Indentation(depth);
            }
        }

        void Indentation(int depth) => output.Append(' ', Math.Min(depth * 2, MaxIndentWidth));
    }

    private static void Escape(string text, bool attribute, BoundedText output)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var replacement = text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' when attribute => "&quot;",
                '\t' when attribute => "&#x9;",
                '\n' when attribute => "&#xA;",
                '\r' => "&#xD;",
                _ => null,
            };
            if (replacement is not null)
            {
                output.Append(text.AsSpan(start, i - start)).Append(replacement);
                start = i + 1;
            }
        }

        output.Append(text.AsSpan(start));
    }

    /// <summary>Text kept up to a limit; what goes past it is only counted.</summary>
    private sealed class BoundedText(int limit)
    {
        private readonly StringBuilder _kept = new(Math.Min(limit, 4096));
        private long _dropped;

        public BoundedText Append(char c) => Append(new ReadOnlySpan<char>(in c));

        public BoundedText Append(char c, int count)
        {
            for (var i = 0; i < count; i++)
            {
                Append(c);
            }

            return this;
        }

        public BoundedText Append(string text) => Append(text.AsSpan());

        public BoundedText Append(ReadOnlySpan<char> text)
        {
            var room = limit - _kept.Length;
            if (room >= text.Length)
            {
                _kept.Append(text);
            }
            else
            {
                _kept.Append(text[..Math.Max(room, 0)]);
                _dropped += text.Length - Math.Max(room, 0);
            }

            return this;
        }

        public override string ToString() =>
            _dropped == 0 ? _kept.ToString() : _kept.Append($"\n… ({_dropped} more characters)").ToString();
    }
}
