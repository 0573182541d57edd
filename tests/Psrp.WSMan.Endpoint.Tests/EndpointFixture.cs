namespace Psrp.WSMan.Endpoint.Tests;

/// <summary>One endpoint shared by the tests of a class: Basic allowed over HTTP too, short default timeout.</summary>
public sealed class EndpointFixture : IAsyncLifetime
{
    public WSManTestEndpoint Endpoint { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Endpoint = await WSManTestEndpoint.StartAsync(new WSManEndpointOptions { AllowBasicOverHttp = true, DefaultOperationTimeout = TimeSpan.FromSeconds(20) });

    public async Task DisposeAsync() => await Endpoint.DisposeAsync();

    internal RawWSMan Http() => new(Endpoint.HttpUri, Endpoint.UserName, Endpoint.Password);

    internal RawWSMan Https() => new(Endpoint.HttpsUri!, Endpoint.UserName, Endpoint.Password, Endpoint.CaCertificate);
}
