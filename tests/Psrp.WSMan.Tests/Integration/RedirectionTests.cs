using Psrp.Client;
using Psrp.Providers.WSMan;
using Psrp.WSMan.Endpoint;

namespace Psrp.WSMan.Tests.Integration;

/// <summary>-AllowRedirection: a 3xx is followed only when allowed, and hops are bounded.</summary>
public sealed class RedirectionTests
{
    [Fact]
    public async Task A_redirect_is_refused_without_AllowRedirection_and_followed_with_it()
    {
        await using var endpoint = await WSManTestEndpoint.StartAsync(new WSManEndpointOptions
        {
            AllowBasicOverHttp = true,
            Redirect = new WSManRedirectOptions(FirstRequests: int.MaxValue),
        });

        var refused = await Assert.ThrowsAsync<WSManHttpException>(() => RunspacePool.OpenAsync(WSManTransportProvider.Connect(EndpointFixture.For(endpoint, https: false))));
        Assert.Equal(307, (int)refused.StatusCode);
        Assert.Contains("-AllowRedirection", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, endpoint.ShellCount);

        var (pool, transport) = await EndpointFixture.OpenAsync(EndpointFixture.For(endpoint, https: false) with { AllowRedirection = true });
        await using (pool)
        {
            Assert.Equal("/wsman-redirected", transport.Endpoint.AbsolutePath);
            Assert.Equal(5, Assert.Single(await pool.InvokeScriptAsync("2 + 3"))!.BaseValue);
            await pool.CloseAsync();
        }
    }

    [Fact]
    public async Task A_redirect_loop_ends_after_MaximumRedirection_hops()
    {
        await using var endpoint = await WSManTestEndpoint.StartAsync(new WSManEndpointOptions
        {
            AllowBasicOverHttp = true,
            HttpsPort = null,
            Redirect = new WSManRedirectOptions(FirstRequests: 0),
        });
        var options = EndpointFixture.For(endpoint, https: false) with
        {
            Endpoint = new UriBuilder(endpoint.HttpUri) { Path = "/wsman-loop" }.Uri,
            AllowRedirection = true,
            MaximumRedirection = 3,
        };
        var transport = WSManTransportProvider.Connect(options);
        var error = await Assert.ThrowsAsync<WSManHttpException>(() => RunspacePool.OpenAsync(transport));
        Assert.Contains("more than 3 redirects", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, transport.Statistics.RoundTrips);
    }
}
