using Psrp.Cli.Cli;

namespace Psrp.Cli.Tests.Unit;

public class HashtableTextTests
{
    [Fact]
    public void Key_value_pairs_repeat_and_later_keys_win()
    {
        var parsed = HashtableText.Parse(["Port=22", "User=a", "port=2222"], "Options")!;

        Assert.Equal("2222", parsed["PORT"]);
        Assert.Equal("a", parsed["user"]);
        Assert.Equal(2, parsed.Count);
    }

    [Fact]
    public void A_PowerShell_hashtable_literal_is_read_with_quotes_separators_and_booleans()
    {
        var parsed = HashtableText.Parse(["@{Port=22; User = 'User A'; Host=\"h;x\"\nStrictHostKeyChecking=$false}"], "Options")!;

        Assert.Equal("22", parsed["Port"]);
        Assert.Equal("User A", parsed["User"]);
        Assert.Equal("h;x", parsed["Host"]);
        Assert.Equal("False", parsed["StrictHostKeyChecking"]);
    }

    [Theory]
    [InlineData("novalue")]
    [InlineData("=x")]
    [InlineData("@{a=1")]
    [InlineData("@{a='1}")]
    public void Malformed_values_are_usage_errors_naming_the_parameter(string value)
    {
        var error = Assert.Throws<UsageException>(() => HashtableText.Parse([value], "SessionOption"));

        Assert.Contains("-SessionOption", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Absent_is_null()
    {
        Assert.Null(HashtableText.Parse(null, "Options"));
    }
}
