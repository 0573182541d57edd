using System.Text;
using Psrp.Providers.WSMan.Authentication;

namespace Psrp.WSMan.Tests.Integration.Negotiate;

/// <summary>
/// What crosses the TCP connection: with Kerberos or NTLM over HTTP nothing of the script, its
/// output or the SOAP envelopes is readable; with NoEncryption (and the server allowing it) the same
/// session is readable, which proves the proxy would have seen it.
/// </summary>
[Collection(RealmCollection.Name)]
public sealed class EncryptionOnTheWireTests(RealmFixture fixture)
{
    [Theory]
    [InlineData("Kerberos")]
    [InlineData("NTLM")]
    public async Task Nothing_of_the_script_or_the_envelopes_is_readable_on_the_wire(string package)
    {
        var marker = "marker-" + Guid.NewGuid().ToString("N")[..12];
        var wire = await RunThroughProxyAsync(fixture.Endpoint, package, marker, noEncryption: false);

        Assert.Contains("multipart/encrypted", wire, StringComparison.Ordinal);
        Assert.DoesNotContain("Envelope", wire, StringComparison.Ordinal);
        Assert.DoesNotContain("creationXml", wire, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, wire, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(marker))[..12], wire, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_session_without_encryption_is_readable_so_the_proxy_sees_the_wire()
    {
        using var lax = await fixture.StartEndpointAsync("--allow-unencrypted");
        var wire = await RunThroughProxyAsync(lax, "Kerberos", "plain-marker", noEncryption: true);
        Assert.Contains("Envelope", wire, StringComparison.Ordinal);
        Assert.DoesNotContain("multipart/encrypted", wire, StringComparison.Ordinal);
    }

    private async Task<string> RunThroughProxyAsync(EndpointProcess endpoint, string package, string marker, bool noEncryption)
    {
        await using var proxy = new RecordingTcpProxy(endpoint.HttpUri.Port);
        var credential = package == "NTLM" ? fixture.Bob() : fixture.Alice();
        var options = fixture.Options(new NegotiateSchemeAuthentication(package, credential), endpoint: endpoint) is var o
            ? o with { Endpoint = new UriBuilder(o.Endpoint) { Port = proxy.Port }.Uri, NoEncryption = noEncryption }
            : null!;
        var (pool, _) = await RealmFixture.OpenAsync(options);
        await using (pool)
        {
            var output = Assert.Single(await pool.InvokeScriptAsync($"'{marker}' + ' echoed'"));
            Assert.Equal(marker + " echoed", output!.BaseValue);
            await pool.CloseAsync();
        }

        return Encoding.Latin1.GetString(proxy.ToServer) + Encoding.Latin1.GetString(proxy.ToClient);
    }
}
