using System.Net;
using System.Xml.Linq;

namespace Psrp.WSMan.Endpoint.Tests;

/// <summary>The endpoint's faults, in WinRM's shape, each relating to its request.</summary>
public sealed class FaultTests : IClassFixture<EndpointFixture>
{
    private readonly EndpointFixture _fixture;

    public FaultTests(EndpointFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task An_unknown_configuration_is_DestinationUnreachable_with_the_invalid_resource_URI_code()
    {
        using var client = _fixture.Http();
        client.Resource = "http://schemas.microsoft.com/powershell/No.Such.Configuration";
        var messageId = RawWSMan.NewMessageId();
        var reply = await client.CreateAsync(Guid.NewGuid().ToString("D").ToUpperInvariant(), Golden.CreationXml, messageId: messageId);
        Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
        Assert.Equal(messageId, reply.RelatesTo);
        Assert.Equal("a:DestinationUnreachable", reply.FaultSubcode);
        Assert.Equal("2150858811", reply.WSManFaultCode);
        Assert.Equal(0, _fixture.Endpoint.ShellCount);
    }

    [Fact]
    public async Task A_configuration_whose_permissions_deny_the_user_is_the_AccessDenied_fault()
    {
        using var client = _fixture.Http();
        client.Resource = "http://schemas.microsoft.com/powershell/Denied.PowerShell";
        var reply = await client.CreateAsync(Guid.NewGuid().ToString("D").ToUpperInvariant(), Golden.CreationXml);
        Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
        Assert.Equal("w:AccessDenied", reply.FaultSubcode);
        Assert.Equal("5", reply.WSManFaultCode);
        Assert.Equal(0, _fixture.Endpoint.ShellCount);
    }

    [Fact]
    public async Task An_injected_fault_replaces_the_operation_it_names()
    {
        await using var endpoint = await WSManTestEndpoint.StartAsync(new WSManEndpointOptions
        {
            AllowBasicOverHttp = true,
            HttpsPort = null,
            InjectFault = action => action.EndsWith("/Receive", StringComparison.Ordinal) ? Soap.WSManFaults.ShellQuota(5) : null,
        });
        using var client = new RawWSMan(endpoint.HttpUri, endpoint.UserName, endpoint.Password);
        var reply = await client.ReceiveAsync("00000000-0000-0000-0000-000000000001", timeout: "PT1S");
        Assert.Equal("w:QuotaLimit", reply.FaultSubcode);
        Assert.Equal("w:InvalidSelectors", (await client.DeleteAsync("00000000-0000-0000-0000-000000000001")).FaultSubcode);
    }

    [Fact]
    public async Task Create_without_protocolversion_is_refused_as_the_PowerShell_plugin_refuses_it()
    {
        using var client = _fixture.Http();
        var body = new XElement(XNamespace.Get("http://schemas.microsoft.com/wbem/wsman/1/windows/shell") + "Shell",
            new XElement(XNamespace.Get("http://schemas.microsoft.com/powershell") + "creationXml", Golden.CreationXml));
        var reply = await client.PostAsync(RawWSMan.Envelope("http://schemas.xmlsoap.org/ws/2004/09/transfer/Create", RawWSMan.NewMessageId(), body, RawWSMan.ResourceUri));
        Assert.True(reply.IsFault);
        Assert.Equal(0x80540BC7u.ToString(System.Globalization.CultureInfo.InvariantCulture), reply.WSManFaultCode);
    }

    [Fact]
    public async Task A_request_larger_than_MaxEnvelopeSize_is_an_EncodingLimit_fault_and_a_tiny_client_limit_too()
    {
        await using var endpoint = await WSManTestEndpoint.StartAsync(new WSManEndpointOptions { AllowBasicOverHttp = true, MaxEnvelopeSize = 16384, HttpsPort = null });
        using var client = new RawWSMan(endpoint.HttpUri, endpoint.UserName, endpoint.Password);
        var messageId = RawWSMan.NewMessageId();
        var big = await client.SendAsyncRaw(messageId, new byte[20000]);
        Assert.Equal(HttpStatusCode.InternalServerError, big.Status);
        Assert.Equal(messageId, big.RelatesTo);
        Assert.Equal("w:EncodingLimit", big.FaultSubcode);
        Assert.Equal("2150859025", big.WSManFaultCode);

        client.MaxEnvelopeSize = 4096;
        var tiny = await client.ReceiveAsync("00000000-0000-0000-0000-000000000001", timeout: "PT1S");
        Assert.Equal("w:EncodingLimit", tiny.FaultSubcode);
    }

    [Fact]
    public async Task Creating_past_MaxShellsPerUser_is_the_QuotaLimit_fault()
    {
        await using var endpoint = await WSManTestEndpoint.StartAsync(new WSManEndpointOptions { AllowBasicOverHttp = true, MaxShellsPerUser = 0, HttpsPort = null });
        using var client = new RawWSMan(endpoint.HttpUri, endpoint.UserName, endpoint.Password);
        var reply = await client.CreateAsync(Guid.NewGuid().ToString("D").ToUpperInvariant(), Golden.CreationXml);
        Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
        Assert.Equal("w:QuotaLimit", reply.FaultSubcode);
        Assert.Equal("2150859173", reply.WSManFaultCode);
        Assert.Equal(0, endpoint.ShellCount);
    }

    [Fact]
    public async Task Redirect_answers_the_first_request_with_a_3xx_to_another_path_and_loops_on_the_loop_path()
    {
        await using var endpoint = await WSManTestEndpoint.StartAsync(new WSManEndpointOptions { AllowBasicOverHttp = true, Redirect = new WSManRedirectOptions(FirstRequests: 1, ToHttps: true) });
        using var client = new RawWSMan(endpoint.HttpUri, endpoint.UserName, endpoint.Password);
        var first = await client.ReceiveAsync("00000000-0000-0000-0000-000000000001", timeout: "PT1S");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, first.Status);
        Assert.Equal(endpoint.HttpsUri!.Port, first.Location!.Port);
        Assert.Equal("/wsman-redirected", first.Location.AbsolutePath);

        using var redirected = new RawWSMan(first.Location, endpoint.UserName, endpoint.Password, endpoint.CaCertificate);
        Assert.Equal("w:InvalidSelectors", (await redirected.ReceiveAsync("00000000-0000-0000-0000-000000000001", timeout: "PT1S")).FaultSubcode);
        Assert.Equal("w:InvalidSelectors", (await client.ReceiveAsync("00000000-0000-0000-0000-000000000001", timeout: "PT1S")).FaultSubcode);

        using var loop = new RawWSMan(new UriBuilder(endpoint.HttpUri) { Path = "/wsman-loop" }.Uri, endpoint.UserName, endpoint.Password);
        var looped = await loop.ReceiveAsync("00000000-0000-0000-0000-000000000001", timeout: "PT1S");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, looped.Status);
        Assert.Equal(loop.Uri, looped.Location);
    }
}
