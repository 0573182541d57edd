using Psrp.Client;
using Psrp.Providers.WSMan;
using Psrp.WSMan.Endpoint;

namespace Psrp.WSMan.Tests.Integration;

/// <summary>Faults the endpoint raises the way WinRM does become <see cref="WSManFaultException"/>s naming the fault.</summary>
public sealed class FaultTests(EndpointFixture fixture) : IClassFixture<EndpointFixture>
{
    [Fact]
    public async Task An_unknown_configuration_name_is_an_invalid_resource_URI_fault()
    {
        var options = fixture.Options(https: true) with { ConfigurationName = "No.Such.Configuration" };
        var error = await Assert.ThrowsAsync<WSManFaultException>(() => RunspacePool.OpenAsync(WSManTransportProvider.Connect(options)));
        Assert.Equal("Create", error.Operation);
        Assert.Equal(2150858811u, error.WSManCode);
        Assert.Contains("DestinationUnreachable", error.FaultCode, StringComparison.Ordinal);
        Assert.Contains("No.Such.Configuration", error.FaultMessage, StringComparison.Ordinal);
        Assert.Contains("2150858811", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configuration_the_user_may_not_use_is_an_AccessDenied_fault()
    {
        var options = fixture.Options(https: true) with { ConfigurationName = "Denied.PowerShell" };
        var error = await Assert.ThrowsAsync<WSManFaultException>(() => RunspacePool.OpenAsync(WSManTransportProvider.Connect(options)));
        Assert.Equal("w:AccessDenied", error.FaultCode);
        Assert.Equal(5u, error.WSManCode);
        Assert.Contains("AccessDenied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Going_over_the_shell_quota_is_a_QuotaLimit_fault()
    {
        await using var endpoint = await WSManTestEndpoint.StartAsync(new WSManEndpointOptions { AllowBasicOverHttp = true, MaxShellsPerUser = 1 });
        var (first, _) = await EndpointFixture.OpenAsync(EndpointFixture.For(endpoint, https: true));
        await using (first)
        {
            var error = await Assert.ThrowsAsync<WSManFaultException>(() => RunspacePool.OpenAsync(WSManTransportProvider.Connect(EndpointFixture.For(endpoint, https: true))));
            Assert.Equal("w:QuotaLimit", error.FaultCode);
            Assert.Equal(2150859173u, error.WSManCode);
            Assert.Contains("QuotaLimit", error.Message, StringComparison.Ordinal);

            // The first session is unharmed.
            Assert.Equal(1, Assert.Single(await first.InvokeScriptAsync("1"))!.BaseValue);
            await first.CloseAsync();
        }
    }

    [Fact]
    public async Task Closing_the_pool_deletes_the_shell_on_the_server()
    {
        var before = fixture.Endpoint.ShellCount;
        var (pool, transport) = await EndpointFixture.OpenAsync(fixture.Options(https: false));
        Assert.Equal(before + 1, fixture.Endpoint.ShellCount);
        await pool.CloseAsync();
        Assert.Equal(before, fixture.Endpoint.ShellCount);
        Assert.Equal(1, transport.Statistics.RoundTripsByOperation["Delete"]);
    }

    [Fact]
    public async Task A_command_the_server_forgot_fails_that_pipeline_only_and_the_shell_is_still_deleted()
    {
        // WinRM answers a Receive for a command it no longer knows with w:InvalidSelectors (2150858843).
        var armed = 0;
        await using var endpoint = await WSManTestEndpoint.StartAsync(new WSManEndpointOptions
        {
            AllowBasicOverHttp = true,
            InjectRequestFault = request =>
                request.Action == Psrp.WSMan.Endpoint.Soap.WSManActions.Receive
                && request.Body.Descendants().Any(e => e.Name.LocalName == "DesiredStream" && e.Attribute("CommandId") is not null)
                && Interlocked.Exchange(ref armed, 0) == 1
                    ? Psrp.WSMan.Endpoint.Soap.WSManFaults.UnknownCommand("forgotten")
                    : null,
        });
        var (pool, transport) = await EndpointFixture.OpenAsync(EndpointFixture.For(endpoint, https: false));
        await using (pool)
        {
            Volatile.Write(ref armed, 1);
            var lost = await Assert.ThrowsAnyAsync<Exception>(() => pool.InvokeScriptAsync("[Threading.Thread]::Sleep(200); 'lost'").WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains("InvalidSelectors", lost.ToString(), StringComparison.Ordinal);

            // The pool and the shell live on.
            Assert.Equal("after", Assert.Single(await pool.InvokeScriptAsync("'after'"))!.BaseValue);
            await pool.CloseAsync();
        }

        Assert.Equal(0, endpoint.ShellCount);
        Assert.Equal(1, transport.Statistics.RoundTripsByOperation["Delete"]);
    }
}
