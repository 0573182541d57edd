using Psrp.Cli.Cli;

namespace Psrp.Cli.Tests.Unit;

public class ArgumentNormalizerTests
{
    [Theory]
    [InlineData("-HostName", "--host-name")]
    [InlineData("-hostname", "--host-name")]
    [InlineData("--HostName", "--host-name")]
    [InlineData("--host-name", "--host-name")]
    [InlineData("-ComputerName", "--computer-name")]
    [InlineData("-Cn", "--computer-name")]
    [InlineData("-URI", "--connection-uri")]
    [InlineData("-CU", "--connection-uri")]
    [InlineData("-IdentityFilePath", "--key-file-path")]
    [InlineData("-VMGuid", "--vm-id")]
    [InlineData("-VMId", "--vm-id")]
    [InlineData("-ContainerId", "--container-id")]
    [InlineData("-ConnectingTimeout", "--connecting-timeout")]
    [InlineData("-ScriptBlock", "--command")]
    [InlineData("-c", "--command")]
    [InlineData("-OutputFormat", "--output")]
    public void PowerShell_names_and_aliases_become_the_kebab_case_option(string given, string expected)
    {
        Assert.Equal(["enter", expected, "value"], ArgumentNormalizer.Normalize(["enter", given, "value"]));
    }

    [Fact]
    public void Switches_do_not_take_the_next_token_and_accept_PowerShell_colon_values()
    {
        Assert.Equal(["enter", "--use-ssl", "--port", "5986"], ArgumentNormalizer.Normalize(["Enter", "-UseSSL", "-Port", "5986"]));
        Assert.Equal(["enter", "--use-ssl:false"], ArgumentNormalizer.Normalize(["enter", "-UseSSL:$false"]));
        Assert.Equal(["enter", "--port", "22"], ArgumentNormalizer.Normalize(["enter", "-Port:22"]));
    }

    [Fact]
    public void Values_are_never_rewritten_even_when_they_look_like_parameters()
    {
        Assert.Equal(
            ["invoke", "--command", "-Port", "--host-name", "h"],
            ArgumentNormalizer.Normalize(["invoke", "-Command", "-Port", "-HostName", "h"]));
        Assert.Equal(
            ["invoke", "--command", "Get-Thing -ComputerName x"],
            ArgumentNormalizer.Normalize(["invoke", "-c", "Get-Thing -ComputerName x"]));
    }

    [Fact]
    public void Unknown_tokens_and_everything_after_a_double_dash_pass_through()
    {
        Assert.Equal(["enter", "--help", "-Bogus"], ArgumentNormalizer.Normalize(["enter", "--help", "-Bogus"]));
        Assert.Equal(["invoke", "--", "-HostName"], ArgumentNormalizer.Normalize(["invoke", "--", "-HostName"]));
    }
}
