using Psrp.Cli.Formatting;
using Psrp.Serialization;

namespace Psrp.Cli.Tests.Unit;

public class JsonOutputTests
{
    [Fact]
    public void Primitives_are_json_primitives()
    {
        Assert.Equal("null", JsonOutput.ToJsonLine(null));
        Assert.Equal("42", JsonOutput.ToJsonLine(new PsObject { BaseValue = 42 }));
        Assert.Equal("\"héllo <b>\"", JsonOutput.ToJsonLine("héllo <b>"));
        Assert.Equal("true", JsonOutput.ToJsonLine(true));
        Assert.Equal("1.5", JsonOutput.ToJsonLine(1.5));
        Assert.Equal("\"NaN\"", JsonOutput.ToJsonLine(double.NaN));
        Assert.Equal("\"2024-01-02T03:04:05.0000000Z\"", JsonOutput.ToJsonLine(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc)));
        Assert.Equal("\"AQI=\"", JsonOutput.ToJsonLine(new byte[] { 1, 2 }));
    }

    [Fact]
    public void Objects_lists_and_hashtables_nest()
    {
        var table = new PsDictionary();
        table.Add("k", new PsList([1, null]));
        var obj = PsObject.CreateCustomObject(("name", "x"), ("table", new PsObject(PsTypeNames.Hashtable) { BaseValue = table }), ("color", PsObject.CreateEnum("System.ConsoleColor", "Red", 12)));

        Assert.Equal("{\"name\":\"x\",\"table\":{\"k\":[1,null]},\"color\":12}", JsonOutput.ToJsonLine(obj));
    }

    [Fact]
    public void Deep_nesting_is_cut_to_text()
    {
        var obj = PsObject.CreateCustomObject(("leaf", 1));
        for (var i = 0; i < JsonOutput.MaxDepth + 5; i++)
        {
            obj = PsObject.CreateCustomObject(("inner", obj));
        }

        var json = JsonOutput.ToJsonLine(obj);

        Assert.DoesNotContain("leaf", json, StringComparison.Ordinal);
        Assert.NotNull(System.Text.Json.JsonDocument.Parse(json));
    }
}
