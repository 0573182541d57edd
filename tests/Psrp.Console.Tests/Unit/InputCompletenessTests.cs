using Psrp.Cli.Interactive;

namespace Psrp.Cli.Tests.Unit;

public class InputCompletenessTests
{
    [Theory]
    [InlineData("1+1")]
    [InlineData("if ($x) { 'y' }")]
    [InlineData("'it''s { open'")]
    [InlineData("\"a `\" { b\"")]
    [InlineData("# a { comment")]
    [InlineData("<# { #> 1")]
    [InlineData("@'\n{\n'@")]
    [InlineData("$a[0]")]
    public void Finished_statements_are_complete(string input)
    {
        Assert.False(InputCompleteness.IsIncomplete(input));
    }

    [Theory]
    [InlineData("function f {")]
    [InlineData("foreach ($i in 1..3) {\n  $i")]
    [InlineData("(1 +")]
    [InlineData("'open string")]
    [InlineData("\"open `\" string")]
    [InlineData("<# open comment")]
    [InlineData("@'")]
    [InlineData("Get-Thing |")]
    [InlineData("Get-Thing `")]
    public void Unfinished_statements_ask_for_more(string input)
    {
        Assert.True(InputCompleteness.IsIncomplete(input));
    }
}
