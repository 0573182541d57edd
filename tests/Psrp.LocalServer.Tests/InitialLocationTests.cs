namespace Psrp.LocalServer.Tests;

public sealed class InitialLocationTests
{
    [Fact]
    public void The_script_quotes_the_directory_and_escapes_wildcards()
    {
        Assert.Equal(
            "$null = $ExecutionContext.SessionState.Path.SetLocation([System.Management.Automation.WildcardPattern]::Escape('/tmp/it''s ‘‘x’’'))",
            InitialLocation.Script("/tmp/it's ‘x’"));
    }
}
