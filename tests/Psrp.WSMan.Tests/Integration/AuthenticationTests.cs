using System.Net;
using Psrp.Client;
using Psrp.Providers.WSMan;
using Psrp.Providers.WSMan.Authentication;
using Psrp.Transport;
using Psrp.WSMan.Endpoint;

namespace Psrp.WSMan.Tests.Integration;

/// <summary>Basic right and wrong, client certificates right and wrong, against the endpoint's enforcement.</summary>
public sealed class AuthenticationTests(EndpointFixture fixture) : IClassFixture<EndpointFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_wrong_Basic_password_fails_the_open_with_401_and_never_shows_the_password(bool https)
    {
        const string wrong = "not-the-Pa55word";
        var transport = WSManTransportProvider.Connect(EndpointFixture.For(fixture.Endpoint, https, wrong));
        var error = await Assert.ThrowsAsync<WSManHttpException>(() => RunspacePool.OpenAsync(transport));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(TransportPhase.OpenRunspacePool, error.Phase);
        Assert.Contains("Basic", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Endpoint.Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_certificate_mapped_to_a_user_opens_a_session()
    {
        using var certificate = fixture.Endpoint.IssueClientCertificate();
        var options = EndpointFixture.For(fixture.Endpoint, https: true) with { Authentication = new CertificateAuthentication(certificate) };
        var (pool, transport) = await EndpointFixture.OpenAsync(options);
        await using (pool)
        {
            Assert.Equal(6, Assert.Single(await pool.InvokeScriptAsync("2 * 3"))!.BaseValue);
            await pool.CloseAsync();
        }

        Assert.True(transport.Statistics.RoundTrips >= 3);
    }

    [Fact]
    public async Task A_certificate_from_an_untrusted_CA_is_refused()
    {
        using var certificate = WSManTestEndpoint.IssueForeignClientCertificate(fixture.Endpoint.UserName);
        var options = EndpointFixture.For(fixture.Endpoint, https: true) with { Authentication = new CertificateAuthentication(certificate) };
        var error = await Assert.ThrowsAsync<WSManHttpException>(() => RunspacePool.OpenAsync(WSManTransportProvider.Connect(options)));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("Certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_certificate_from_an_unknown_CA_is_refused_unless_SkipCACheck()
    {
        var untrusted = EndpointFixture.For(fixture.Endpoint, https: true) with { TrustedRootCertificates = null };
        var error = await Assert.ThrowsAsync<PsrpTransportException>(() => RunspacePool.OpenAsync(WSManTransportProvider.Connect(untrusted)));
        Assert.Equal(TransportPhase.OpenRunspacePool, error.Phase);
        Assert.Contains("SSL", error.ToString(), StringComparison.OrdinalIgnoreCase);

        var skipped = untrusted with { SkipCACheck = true };
        var (pool, _) = await EndpointFixture.OpenAsync(skipped);
        await pool.CloseAsync();
    }
}
