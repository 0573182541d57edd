using System.Globalization;
using System.Xml;
using Psrp.Serialization;
using Psrp.Tests.Serialization.Support;

namespace Psrp.Tests.Serialization;

/// <summary>
/// Primitive element text parses exactly as PowerShell parses it (through <c>XmlConvert</c>):
/// the same inputs accepted, the same values produced, including forms PowerShell never writes.
/// </summary>
public class PrimitiveParsingTests
{
    private static readonly string[] NumberTexts =
    [
        "0", "5", " 5 ", "\t5\n", "+5", "-5", "05", "-0", "5.0", "5.", ".5", "1e3", "1E-3", "1e400", "-1e400", "0x10", "", " ", "1,000",
        "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "18446744073709551615", "18446744073709551616", "255", "256", "-128", "-129", "65535", "65536",
        "INF", "-INF", " INF ", "+INF", "inf", "Infinity", "-Infinity", "NaN", "nan", "-NaN", "1.7976931348623157E+308",
        "4.9E-324", "79228162514264337593543950335", "79228162514264337593543950336", "0.0000000000000000000000000001",
        "1.10", "5\u00A0", "\u0661", "&#x35;", "5&#32;",
    ];

    public static TheoryData<string, string> NumberCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var tag in new[] { "I32", "I64", "I16", "By", "SB", "U16", "U32", "U64", "Db", "Sg", "D", "C" })
        {
            foreach (var text in NumberTexts)
            {
                data.Add(tag, text);
            }
        }

        return data;
    }

    private static object XmlConvertParse(string tag, string text) => tag switch
    {
        "I32" => XmlConvert.ToInt32(text),
        "I64" => XmlConvert.ToInt64(text),
        "I16" => XmlConvert.ToInt16(text),
        "By" => XmlConvert.ToByte(text),
        "SB" => XmlConvert.ToSByte(text),
        "U16" => XmlConvert.ToUInt16(text),
        "U32" => XmlConvert.ToUInt32(text),
        "U64" => XmlConvert.ToUInt64(text),
        "Db" => XmlConvert.ToDouble(text),
        "Sg" => XmlConvert.ToSingle(text),
        "D" => XmlConvert.ToDecimal(text),
        "C" => (char)XmlConvert.ToUInt16(text),
        _ => throw new ArgumentOutOfRangeException(nameof(tag)),
    };

    /// <summary>The element's text as XML would deliver it (references resolved).</summary>
    private static string Unescaped(string text) => text.Replace("&#x35;", "5", StringComparison.Ordinal).Replace("&#32;", " ", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(NumberCases))]
    public void Numbers_parse_as_XmlConvert_parses_them(string tag, string text)
    {
        var xml = $"<{tag}>{text}</{tag}>";
        object? expected;
        try
        {
            expected = XmlConvertParse(tag, Unescaped(text));
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            var error = Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize(xml));
            Assert.Equal(PsrpProtocolError.InvalidValue, error.Code);
            Assert.ThrowsAny<Exception>(() => PsOracle.Deserialize(PsOracle.Wrap(xml)));
            return;
        }

        ModelComparer.AssertEquivalent(ClixmlReader.Deserialize(xml), expected, $"{xml}");
        ModelComparer.AssertEquivalent(ClixmlReader.Deserialize(xml), PsOracle.Deserialize(PsOracle.Wrap(xml)), $"{xml} against PowerShell");
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData(" true\n")]
    [InlineData("True")]
    [InlineData("yes")]
    [InlineData("")]
    [InlineData("2")]
    public void Booleans_parse_as_XmlConvert_parses_them(string text) =>
        AssertLikeXmlConvert("B", text, () => XmlConvert.ToBoolean(text));

    [Theory]
    [InlineData("PT0S")]
    [InlineData("-P10675199DT2H48M5.4775808S")]
    [InlineData("P10675199DT2H48M5.4775807S")]
    [InlineData("P1Y")]
    [InlineData("PT1.5S")]
    [InlineData("P1DT")]
    [InlineData("1:00:00")]
    public void TimeSpans_parse_as_XmlConvert_parses_them(string text) =>
        AssertLikeXmlConvert("TS", text, () => XmlConvert.ToTimeSpan(text));

    [Theory]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e")]
    [InlineData("0F8FAD5BD9CB469FA16570867728950E")]
    [InlineData("{0f8fad5b-d9cb-469f-a165-70867728950e}")]
    [InlineData(" 0f8fad5b-d9cb-469f-a165-70867728950e ")]
    [InlineData("0f8fad5b-d9cb-469f-a165")]
    public void Guids_parse_as_XmlConvert_parses_them(string text) =>
        AssertLikeXmlConvert("G", text, () => XmlConvert.ToGuid(text));

    [Theory]
    [InlineData("1.2")]
    [InlineData("1.2.3.4")]
    [InlineData(" 1.2 ")]
    [InlineData("1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("-1.2")]
    public void Versions_parse_as_PowerShell_parses_them(string text) =>
        AssertLikeXmlConvert("Version", text, () => new Version(text));

    [Theory]
    [InlineData("AQID")]
    [InlineData("AQI=")]
    [InlineData("AQ==")]
    [InlineData("AQ ID")]
    [InlineData("AQ\nI=")]
    [InlineData("AQI")]
    [InlineData("A===")]
    [InlineData("!!!!")]
    [InlineData("")]
    public void Base64_parses_as_Convert_parses_it(string text) =>
        AssertLikeXmlConvert("BA", text, () => Convert.FromBase64String(text));

    private static void AssertLikeXmlConvert(string tag, string text, Func<object> parse)
    {
        var xml = $"<{tag}>{text}</{tag}>";
        object expected;
        try
        {
            expected = parse();
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            Assert.Equal(PsrpProtocolError.InvalidValue, Assert.Throws<PsrpProtocolException>(() => ClixmlReader.Deserialize(xml)).Code);
            return;
        }

        ModelComparer.AssertEquivalent(ClixmlReader.Deserialize(xml), expected, xml);
        ModelComparer.AssertEquivalent(ClixmlReader.Deserialize(xml), PsOracle.Deserialize(PsOracle.Wrap(xml)), xml);
    }
}
