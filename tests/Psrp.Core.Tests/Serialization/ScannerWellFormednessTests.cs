using System.Text;
using System.Xml;
using Psrp.Serialization;
using Psrp.Tests.Serialization.Support;

namespace Psrp.Tests.Serialization;

/// <summary>
/// The scanner is a hand-written XML tokenizer, so it is held against <see cref="XmlReader"/>
/// (with the settings PowerShell's own reader uses) on thousands of mutated documents: it must
/// never throw anything but <see cref="PsrpProtocolException"/>, and never accept a document
/// that is not well-formed XML.
/// </summary>
public class ScannerWellFormednessTests
{
    private static readonly string[] Seeds =
    [
        "<Obj RefId=\"0\"><MS><Version N=\"protocolversion\">2.3</Version><Nil N=\"ApplicationArguments\" /></MS></Obj>",
        "<Obj RefId=\"0\"><TN RefId=\"0\"><T>System.Object[]</T><T>System.Array</T></TN><LST><S>a &amp; b</S><I32>3</I32><Ref RefId=\"0\" /></LST></Obj>",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">\n  <S>x&#x41;&#66;&lt;&gt;&quot;&apos;</S>\n  <!-- comment -->\n  <S><![CDATA[<raw>]]></S>\n</Objs>",
        "<Obj RefId='1'><DCT><En><S N='Key'>k</S><B N='Value'>true</B></En></DCT><ToString>t</ToString></Obj>",
        "<S N=\"a&#x9;b\">line1\r\nline2\rline3</S>",
        "<PR><AV>a</AV><AI>1</AI><Nil /><PI>-1</PI><PC>-1</PC><T>Processing</T><SR>-1</SR><SD>s</SD></PR>",
        "<Obj RefId=\"0\"><Props><BA N=\"b\">AQID</BA><DT N=\"d\">2020-01-01T00:00:00Z</DT></Props><?pi data?></Obj>",
    ];

    private static readonly string[] Insertions =
    [
        "<", ">", "/", "&", "\"", "'", "=", " ", ";", "#", "x", "!", "-", "?", "]", "[", "\r", "\0", "é", "<!--", "-->", "<![CDATA[", "]]>",
        "&#", "&#x", "&amp", "<S>", "</S>", "<Obj>", "</Obj>", "<?", "?>", ":", "N=\"a\"", "RefId=\"0\"", "\uFFFE", "\uD800",
    ];

    private static bool XmlReaderAccepts(byte[] utf8)
    {
        var settings = new XmlReaderSettings
        {
            ConformanceLevel = ConformanceLevel.Fragment,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            CheckCharacters = false,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(utf8), settings);
            while (reader.Read())
            {
            }

            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static string Mutate(Random random, string seed)
    {
        var sb = new StringBuilder(seed);
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits && sb.Length > 0; i++)
        {
            var at = random.Next(sb.Length + 1);
            switch (random.Next(5))
            {
                case 0:
                    sb.Remove(Math.Min(at, sb.Length - 1), 1);
                    break;
                case 1:
                    sb.Insert(at, Insertions[random.Next(Insertions.Length)]);
                    break;
                case 2:
                    sb.Length = at;
                    break;
                case 3:
                    var from = random.Next(sb.Length);
                    var length = Math.Min(random.Next(1, 12), sb.Length - from);
                    sb.Insert(at, sb.ToString(from, length));
                    break;
                default:
                    sb[Math.Min(at, sb.Length - 1)] = Insertions[random.Next(Insertions.Length)][0];
                    break;
            }
        }

        return sb.ToString();
    }

    private static string Show(string text) =>
        string.Concat(text.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));

    [Fact]
    public void Mutated_documents_fail_cleanly_and_never_pass_when_XmlReader_refuses_them()
    {
        var random = new Random(2024);
        var problems = new List<string>();
        var accepted = 0;
                // Hand-made seeds for the rarer markup, plus PowerShell's own output for the small corpus values.
        var seeds = Seeds.Concat(DifferentialCorpus.Names.Select(n => DifferentialCorpus.Get(n).PowerShellXml).Where(x => x.Length < 4000)).ToArray();
        for (var i = 0; i < 40_000 && problems.Count < 20; i++)
        {
            var text = Mutate(random, seeds[random.Next(seeds.Length)]);
            var utf8 = Encoding.UTF8.GetBytes(text);
            bool ours;
            try
            {
                ClixmlReader.DeserializeAll(utf8);
                ours = true;
                accepted++;
            }
            catch (PsrpProtocolException)
            {
                ours = false;
            }
            catch (Exception ex)
            {
                problems.Add($"threw {ex.GetType().Name} ({ex.Message}) for: {Show(text)}");
                continue;
            }

            if (ours && !XmlReaderAccepts(utf8))
            {
                problems.Add($"accepted XML that XmlReader refuses: {Show(text)}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(accepted > 500, $"only {accepted} mutated documents were valid; the mutations are too destructive to test acceptance");
    }
}
