using System.Net;

namespace Psrp.WSMan.Endpoint.Tests;

/// <summary>Basic and certificate authentication as WinRM enforces them: failures are HTTP 401, not SOAP faults.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private WSManTestEndpoint _endpoint = null!;

    public async Task InitializeAsync() => _endpoint = await WSManTestEndpoint.StartAsync(new WSManEndpointOptions { Password = "correct horse" });

    public async Task DisposeAsync() => await _endpoint.DisposeAsync();

    [Fact]
    public async Task Missing_or_wrong_Basic_credentials_are_401_with_WWW_Authenticate()
    {
        using var anonymous = new RawWSMan(_endpoint.HttpsUri!, null, null, _endpoint.CaCertificate);
        var none = await anonymous.ReceiveAsync("00000000-0000-0000-0000-000000000001", timeout: "PT1S");
        Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
        Assert.Empty(none.Body);
        Assert.Contains(none.WwwAuthenticate, h => h.StartsWith("Basic", StringComparison.OrdinalIgnoreCase));

        using var wrong = new RawWSMan(_endpoint.HttpsUri!, _endpoint.UserName, "wrong horse", _endpoint.CaCertificate);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.ReceiveAsync("00000000-0000-0000-0000-000000000001", timeout: "PT1S")).Status);

        using var stranger = new RawWSMan(_endpoint.HttpsUri!, "someone", "correct horse", _endpoint.CaCertificate);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.ReceiveAsync("00000000-0000-0000-0000-000000000001", timeout: "PT1S")).Status);
    }

    [Fact]
    public async Task Right_Basic_credentials_pass_over_HTTPS_but_not_over_HTTP_unless_allowed()
    {
        using var secure = new RawWSMan(_endpoint.HttpsUri!, _endpoint.UserName, "correct horse", _endpoint.CaCertificate);
        var passed = await secure.ReceiveAsync("00000000-0000-0000-0000-000000000001", timeout: "PT1S");
        Assert.Equal(HttpStatusCode.InternalServerError, passed.Status);
        Assert.Equal("w:InvalidSelectors", passed.FaultSubcode);

        using var plain = new RawWSMan(_endpoint.HttpUri, _endpoint.UserName, "correct horse");
        var refused = await plain.ReceiveAsync("00000000-0000-0000-0000-000000000001", timeout: "PT1S");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.DoesNotContain(refused.WwwAuthenticate, h => h.StartsWith("Basic", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_mapped_client_certificate_from_the_CA_authenticates_others_do_not()
    {
        using var mapped = _endpoint.IssueClientCertificate();
        using var good = new RawWSMan(_endpoint.HttpsUri!, null, null, _endpoint.CaCertificate, mapped, mutual: true);
        var passed = await good.ReceiveAsync("00000000-0000-0000-0000-000000000001", timeout: "PT1S");
        Assert.Equal("w:InvalidSelectors", passed.FaultSubcode);

        using var unmapped = _endpoint.IssueClientCertificate("nobody", map: false);
        using var notMapped = new RawWSMan(_endpoint.HttpsUri!, null, null, _endpoint.CaCertificate, unmapped, mutual: true);
        Assert.Equal(HttpStatusCode.Unauthorized, (await notMapped.ReceiveAsync("00000000-0000-0000-0000-000000000001", timeout: "PT1S")).Status);

        using var foreign = WSManTestEndpoint.IssueForeignClientCertificate(_endpoint.UserName);
        using var untrusted = new RawWSMan(_endpoint.HttpsUri!, null, null, _endpoint.CaCertificate, foreign, mutual: true);
        Assert.Equal(HttpStatusCode.Unauthorized, (await untrusted.ReceiveAsync("00000000-0000-0000-0000-000000000001", timeout: "PT1S")).Status);

        using var noCertificate = new RawWSMan(_endpoint.HttpsUri!, null, null, _endpoint.CaCertificate, mutual: true);
        Assert.Equal(HttpStatusCode.Unauthorized, (await noCertificate.ReceiveAsync("00000000-0000-0000-0000-000000000001", timeout: "PT1S")).Status);
    }
}
