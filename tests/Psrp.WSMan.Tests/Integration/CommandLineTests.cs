using Psrp.Tests.Shared;

namespace Psrp.WSMan.Tests.Integration;

/// <summary><c>psrp invoke -ComputerName …</c> and <c>-ConnectionUri …</c> reach the endpoint through the built-in wsman provider.</summary>
public sealed class CommandLineTests(EndpointFixture fixture) : IClassFixture<EndpointFixture>
{
    [Fact]
    public async Task Invoke_with_ComputerName_over_HTTP_with_NoEncryption()
    {
        var endpoint = fixture.Endpoint;
        var run = await PsrpCli.RunAsync(
            ["invoke", "-ComputerName", "127.0.0.1", "-Port", endpoint.HttpUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "-Credential", endpoint.UserName, "-Authentication", "Basic", "-SessionOption", "NoEncryption=$true", "-c", "'sum: ' + (20 + 22)"],
            environment: new Dictionary<string, string> { ["PSRP_PASSWORD"] = endpoint.Password });
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("sum: 42", run.Stdout.Trim());
        Assert.DoesNotContain(endpoint.Password, run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_with_ConnectionUri_over_HTTPS_trusting_the_endpoint_CA()
    {
        var endpoint = fixture.Endpoint;
        var ca = Path.Combine(Path.GetTempPath(), $"psrp-wsman-ca-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(ca, endpoint.CaCertificate.ExportCertificatePem());
        try
        {
            var run = await PsrpCli.RunAsync(
                ["invoke", "-ConnectionUri", endpoint.HttpsUri!.ToString(), "-Credential", endpoint.UserName, "-Authentication", "Basic",
                 "-SessionOption", $"@{{CACertificateFilePath='{ca}'; SkipRevocationCheck=$true}}", "-c", "$PSVersionTable.PSVersion.Major"],
                environment: new Dictionary<string, string> { ["PSRP_PASSWORD"] = endpoint.Password });
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal("7", run.Stdout.Trim());
        }
        finally
        {
            File.Delete(ca);
        }
    }

    [Fact]
    public async Task Basic_over_plain_HTTP_without_NoEncryption_is_a_parameter_error()
    {
        var endpoint = fixture.Endpoint;
        var requests = endpoint.RequestCount;
        var run = await PsrpCli.RunAsync(
            ["invoke", "-ComputerName", "127.0.0.1", "-Port", endpoint.HttpUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-Credential", endpoint.UserName, "-Authentication", "Basic", "-c", "1"],
            environment: new Dictionary<string, string> { ["PSRP_PASSWORD"] = endpoint.Password });
        Assert.True(run.ExitCode is 2 or 3, run.ToString());
        Assert.Contains("NoEncryption", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(requests, endpoint.RequestCount);
    }
}
