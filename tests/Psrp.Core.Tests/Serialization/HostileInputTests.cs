using System.Text;
using Psrp.Serialization;
using Psrp.Tests.Serialization.Support;

namespace Psrp.Tests.Serialization;

/// <summary>
/// Malformed or hostile CLIXML fails with <see cref="PsrpProtocolException"/> and the code that
/// says what was wrong — never another exception type, never a hang. Where PowerShell's own
/// deserializer is the reference, it rejects the same documents.
/// </summary>
public class HostileInputTests
{
    private const string BillionLaughs =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">" +
        "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">" +
        "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">" +
        "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">" +
        "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">" +
        "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">" +
        "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">" +
        "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">" +
        "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">" +
        "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>" +
        "<S>&lol9;</S>";

    /// <summary>Documents every reader must refuse: name, body, and the code we give. PowerShell refuses each of them too.</summary>
    public static TheoryData<string, string, PsrpProtocolError> Malformed => new()
    {
        { "doctype", "<!DOCTYPE x><S>a</S>", PsrpProtocolError.MalformedXml },
        { "billion laughs", BillionLaughs, PsrpProtocolError.MalformedXml },
        { "external entity", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><S>&e;</S>", PsrpProtocolError.MalformedXml },
        { "undeclared entity", "<S>&e;</S>", PsrpProtocolError.MalformedXml },
        { "unknown element", "<Foo>1</Foo>", PsrpProtocolError.UnexpectedElement },
        { "unknown element in Obj", "<Obj RefId=\"0\"><Foo /></Obj>", PsrpProtocolError.UnexpectedElement },
        { "unknown element in TN", "<Obj RefId=\"0\"><TN RefId=\"0\"><X>a</X></TN></Obj>", PsrpProtocolError.UnexpectedElement },
        { "unknown element in DCT", "<Obj RefId=\"0\"><DCT><X /></DCT></Obj>", PsrpProtocolError.UnexpectedElement },
        { "unknown element in PR", "<PR><AV>a</AV><Zz>1</Zz></PR>", PsrpProtocolError.UnexpectedElement },
        { "nested Objs", "<Objs><Objs /></Objs>", PsrpProtocolError.UnexpectedElement },
        { "Ref to nothing", "<Obj RefId=\"0\"><LST><Ref RefId=\"99\" /></LST></Obj>", PsrpProtocolError.InvalidValue },
        { "Ref to a later object", "<Obj RefId=\"0\"><LST><Ref RefId=\"1\" /><Obj RefId=\"1\" /></LST></Obj>", PsrpProtocolError.InvalidValue },
        { "Ref without RefId", "<Obj RefId=\"0\"><LST><Ref /></LST></Obj>", PsrpProtocolError.InvalidValue },
        { "TNRef to nothing", "<Obj RefId=\"0\"><TNRef RefId=\"5\" /></Obj>", PsrpProtocolError.InvalidValue },
        { "I32 not a number", "<I32>abc</I32>", PsrpProtocolError.InvalidValue },
        { "I32 overflow", "<I32>99999999999</I32>", PsrpProtocolError.InvalidValue },
        { "I32 empty", "<I32 />", PsrpProtocolError.InvalidValue },
        { "By overflow", "<By>256</By>", PsrpProtocolError.InvalidValue },
        { "U64 negative", "<U64>-1</U64>", PsrpProtocolError.InvalidValue },
        { "C past U+FFFF", "<C>65536</C>", PsrpProtocolError.InvalidValue },
        { "B not a boolean", "<B>yes</B>", PsrpProtocolError.InvalidValue },
        { "Db malformed", "<Db>1.0.0</Db>", PsrpProtocolError.InvalidValue },
        { "D malformed", "<D>1e400</D>", PsrpProtocolError.InvalidValue },
        { "DT malformed", "<DT>yesterday</DT>", PsrpProtocolError.InvalidValue },
        { "TS malformed", "<TS>P1Y2X</TS>", PsrpProtocolError.InvalidValue },
        { "G malformed", "<G>not-a-guid</G>", PsrpProtocolError.InvalidValue },
        { "Version one part", "<Version>1</Version>", PsrpProtocolError.InvalidValue },
        { "BA not base64", "<BA>!!!</BA>", PsrpProtocolError.InvalidValue },
        { "URI malformed", "<URI>http://[</URI>", PsrpProtocolError.InvalidValue },
        { "PR field not a number", "<PR><AV>a</AV><AI>x</AI></PR>", PsrpProtocolError.InvalidValue },
        { "truncated inside Obj", "<Obj RefId=\"0\"><MS><I32 N=\"a\">1</I32>", PsrpProtocolError.MalformedXml },
        { "truncated inside text", "<S>abc", PsrpProtocolError.MalformedXml },
        { "truncated inside a tag", "<Obj RefId=\"0\"><MS><I32 N=\"a\">1</I3", PsrpProtocolError.MalformedXml },
        { "unmatched end tag", "<S>a</S></Obj>", PsrpProtocolError.MalformedXml },
        { "text in Obj", "<Obj RefId=\"0\">abc<MS /></Obj>", PsrpProtocolError.UnexpectedElement },
        { "text in LST", "<Obj RefId=\"0\"><LST>abc</LST></Obj>", PsrpProtocolError.UnexpectedElement },
        { "text in MS", "<Obj RefId=\"0\"><MS>abc</MS></Obj>", PsrpProtocolError.UnexpectedElement },
        { "element in S", "<S>a<S>b</S></S>", PsrpProtocolError.UnexpectedElement },
        { "entry without key", "<Obj RefId=\"0\"><DCT><En><I32 N=\"Value\">1</I32></En></DCT></Obj>", PsrpProtocolError.InvalidValue },
        { "entry without value", "<Obj RefId=\"0\"><DCT><En><I32 N=\"Key\">1</I32></En></DCT></Obj>", PsrpProtocolError.InvalidValue },
        { "entry part with another name", "<Obj RefId=\"0\"><DCT><En><I32 N=\"Key\">1</I32><I32 N=\"Other\">1</I32></En></DCT></Obj>", PsrpProtocolError.UnexpectedElement },
        { "property without N", "<Obj RefId=\"0\"><MS><I32>1</I32></MS></Obj>", PsrpProtocolError.UnexpectedElement },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_input_fails_with_the_right_code(string name, string xml, PsrpProtocolError code)
    {
        var ex = Assert.Throws<PsrpProtocolException>(() => ClixmlReader.DeserializeAll(xml));
        Assert.True(code == ex.Code, $"{name}: expected {code}, got {ex.Code}: {ex.Message}");

        var fromBytes = Assert.Throws<PsrpProtocolException>(() => ClixmlReader.DeserializeAll(Encoding.UTF8.GetBytes(xml)));
        Assert.Equal(code, fromBytes.Code);

        // A document with a prolog cannot be wrapped in <Objs>; PowerShell gets it as it is.
        var forPowerShell = xml.StartsWith("<?xml", StringComparison.Ordinal) || xml.StartsWith("<!DOCTYPE", StringComparison.Ordinal) ? xml : PsOracle.Wrap(xml);
        Assert.ThrowsAny<Exception>(() => PsOracle.Deserialize(forPowerShell));
    }

    [Fact]
    public void Text_input_with_an_unpaired_surrogate_is_malformed_as_PowerShell_finds_it()
    {
        const string Xml = "<S>a\uD800b</S>";

        Assert.Equal(PsrpProtocolError.MalformedXml, Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize(Xml)).Code);
        Assert.ThrowsAny<Exception>(() => PsOracle.Deserialize(PsOracle.Wrap(Xml)));
    }

    [Theory]
    [InlineData("<S>a\u0001b</S>")]
    [InlineData("<S N=\"a\u0000\">b</S>")]
    [InlineData("<S>a\uFFFEb</S>")]
    [InlineData("<S><!-- \u001F --></S>")]
    public void Raw_characters_XML_forbids_are_malformed_even_where_unread(string xml)
    {
        Assert.Equal(PsrpProtocolError.MalformedXml, Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize(Encoding.UTF8.GetBytes(xml))).Code);
        Assert.ThrowsAny<Exception>(() => PsOracle.Deserialize(PsOracle.Wrap(xml)));
    }

    [Theory]
    [InlineData("<S>&#x00000041;&#00066;</S>", "AB")]
    [InlineData("<S><![CDATA[a]]]]></S>", "a]]")]
    [InlineData("<S>a>b</S>", "a>b")]
    [InlineData("<?xml version='1.0' encoding='UTF-8' standalone='yes'?><S>x</S>", "x")]
    [InlineData("<?pi?><S>x<?pi data?>y</S>", "xy")]
    [InlineData("<S xmlns:p='urn:x' xml:space='preserve'>x</S>", "x")]
    public void References_and_markup_XML_allows_read_as_PowerShell_reads_them(string xml, string expected)
    {
        Assert.Equal(expected, ClixmlReader.Deserialize(xml));
        if (!xml.StartsWith("<?xml", StringComparison.Ordinal))
        {
            Assert.Equal(expected, PsOracle.Deserialize(PsOracle.Wrap(xml)));
        }
    }

    [Fact]
    public void Character_references_may_name_controls_and_surrogate_halves_as_in_PowerShell()
    {
        const string Xml = "<S>&#1;&#xD800;&#0;</S>";
        var expected = "\u0001" + '\uD800' + "\0"; // built in code: a lone surrogate does not survive an attribute argument

        Assert.Equal(expected, ClixmlReader.Deserialize(Xml));
        Assert.Equal(expected, PsOracle.Deserialize(PsOracle.Wrap(Xml)));
    }

    [Theory]
    [InlineData("<S>]]></S>")]
    [InlineData("<S><!-- a -- b --></S>")]
    [InlineData(" <?xml version='1.0'?><S/>")]
    [InlineData("<S/><?xml version='1.0'?>")]
    [InlineData("<?xml version='1.1'?><S/>")]
    [InlineData("<?xml version='1.0' encoding='utf-16'?><S/>")]
    [InlineData("<? pi?><S/>")]
    [InlineData("<S a='1' a='2'/>")]
    [InlineData("<S N='1' N='2'/>")]
    [InlineData("<1S/>")]
    [InlineData("<S\u00D7/>")]
    [InlineData("<S xmlns:p=''/>")]
    [InlineData("<S a:b:c='1'/>")]
    [InlineData("<S>&#x110000;</S>")]
    [InlineData("<S>&#X41;</S>")]
    [InlineData("<S>&lt</S>")]
    [InlineData("<S N='&bogus;'/>")]
    [InlineData("<S Version='&bogus;'/>")]
    public void Markup_XML_forbids_is_malformed(string xml) =>
        Assert.Equal(PsrpProtocolError.MalformedXml, Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize(xml)).Code);

    [Theory]
    [InlineData("<p:S xmlns:p='urn:x'>a</p:S>")]
    [InlineData("<S p:a='1' xmlns:p='urn:x'>a</S>")]
    public void Namespace_prefixes_are_refused_as_not_CLIXML(string xml) =>
        Assert.Equal(PsrpProtocolError.UnexpectedElement, Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize(xml)).Code);

    [Theory]
    [InlineData("<S>a</S><S>b</S>")]
    [InlineData("<Objs><S>a</S><S>b</S></Objs>")]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("<Objs />")]
    public void Deserialize_wants_exactly_one_value(string xml)
    {
        var ex = Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize(xml));

        Assert.Equal(PsrpProtocolError.UnexpectedElement, ex.Code);
    }

    [Fact]
    public void DeserializeAll_reads_every_top_level_value()
    {
        Assert.Equal(["a", 1], ClixmlReader.DeserializeAll("<S>a</S>\n<I32>1</I32>"));
        Assert.Equal(["a", 1], ClixmlReader.DeserializeAll(PsOracle.Wrap("<S>a</S><I32>1</I32>")));
    }

    [Theory]
    [InlineData("<Nil>ignored text</Nil>", null)]
    [InlineData("<I32> 5 </I32>", 5)]
    [InlineData("<Obj RefId=\"0\" />", null)]
    public void Lenient_where_PowerShell_is_lenient(string xml, object? expected)
    {
        var value = ClixmlReader.Deserialize(xml);

        if (value is PsObject obj)
        {
            Assert.Null(obj.BaseValue);
            Assert.NotNull(PsOracle.Deserialize(PsOracle.Wrap(xml)));
        }
        else
        {
            Assert.Equal(expected, value);
            Assert.Equal(expected, PsOracle.Deserialize(PsOracle.Wrap(xml)));
        }
    }

    [Theory]
    [InlineData("<Nil><a /></Nil>")]
    [InlineData("<Obj RefId=\"0\"><LST><Ref RefId=\"0\"><a /></Ref></LST></Obj>")]
    [InlineData("<Obj RefId=\"0\"><TN RefId=\"0\"><T>x</T></TN></Obj><Obj RefId=\"1\"><TNRef RefId=\"0\"><a /></TNRef></Obj>")]
    public void Elements_inside_empty_by_definition_elements_are_refused(string xml)
    {
        // Stricter than PowerShell, which skips them: skipping would let a peer nest without bound.
        var ex = Assert.Throws<PsrpProtocolException>(() => ClixmlReader.DeserializeAll(xml));

        Assert.Equal(PsrpProtocolError.UnexpectedElement, ex.Code);
    }

    [Fact]
    public void Element_count_past_the_limit_fails()
    {
        var xml = "<Obj RefId=\"0\"><LST>" + string.Concat(Enumerable.Repeat("<I32>1</I32>", 200)) + "</LST></Obj>";
        var limits = new ClixmlLimits { MaxElements = 100 };

        var ex = Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize(xml, limits));

        Assert.Equal(PsrpProtocolError.LimitExceeded, ex.Code);
        Assert.NotNull(ClixmlReader.Deserialize(xml, new ClixmlLimits { MaxElements = 202 }));
    }

    [Theory]
    [InlineData("<S>{0}</S>")]
    [InlineData("<SBK>{0}</SBK>")]
    [InlineData("<BA>{0}</BA>")]
    [InlineData("<Obj RefId=\"0\"><ToString>{0}</ToString></Obj>")]
    [InlineData("<Obj RefId=\"0\"><TN RefId=\"0\"><T>{0}</T></TN></Obj>")]
    [InlineData("<S><![CDATA[{0}]]></S>")]
    public void String_past_the_limit_fails(string template)
    {
        var limits = new ClixmlLimits { MaxStringLength = 10 };

        // 8 and 12 characters: both valid base64, one under the limit and one over it.
        Assert.NotNull(ClixmlReader.Deserialize(string.Format(null, template, "AAAAAAAA"), limits));
        var ex = Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize(string.Format(null, template, "AAAAAAAAAAAA"), limits));
        Assert.Equal(PsrpProtocolError.LimitExceeded, ex.Code);
    }

    [Fact]
    public void String_split_into_several_nodes_is_limited_as_a_whole()
    {
        var limits = new ClixmlLimits { MaxStringLength = 10 };

        var ex = Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize("<S>AAAAAA<![CDATA[BBBBBB]]></S>", limits));

        Assert.Equal(PsrpProtocolError.LimitExceeded, ex.Code);
        Assert.Equal("AAAAAABBBBBB", ClixmlReader.Deserialize("<S>AAAAAA<![CDATA[BBBBBB]]></S>"));
    }

    [Fact]
    public void Document_past_the_size_limit_fails_from_text_and_from_bytes()
    {
        var xml = "<S>" + new string('a', 100) + "</S>";
        var limits = new ClixmlLimits { MaxDocumentCharacters = 50 };

        Assert.Equal(PsrpProtocolError.LimitExceeded, Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize(xml, limits)).Code);
        Assert.Equal(PsrpProtocolError.LimitExceeded, Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize(Encoding.UTF8.GetBytes(xml), limits)).Code);
        Assert.NotNull(ClixmlReader.Deserialize(xml, new ClixmlLimits { MaxDocumentCharacters = xml.Length }));
    }

    [Fact]
    public void Invalid_limits_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClixmlReader.Deserialize("<S />", new ClixmlLimits { MaxDepth = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClixmlReader.Deserialize("<S />", new ClixmlLimits { MaxElements = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClixmlReader.Deserialize("<S />", new ClixmlLimits { MaxStringLength = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClixmlReader.Deserialize("<S />", new ClixmlLimits { MaxDocumentCharacters = -1 }));
    }
}
