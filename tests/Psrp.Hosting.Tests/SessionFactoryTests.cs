using Psrp.Transport;

namespace Psrp.Hosting.Tests;

/// <summary>The session factory's errors: typed, naming the provider and where it came from.</summary>
public class SessionFactoryTests
{
    [Fact]
    public async Task ProviderThrowingAnUntypedException_IsWrappedInATransportError_NamingThePlugin()
    {
        using var temp = new TempFolder();
        var dll = PluginsUnderTest.CopyFlat(PluginsUnderTest.Rival, temp.Path);
        var factory = new PsrpSessionFactory(Catalogs.Over(temp.Path));

        var ex = await Assert.ThrowsAsync<PsrpTransportException>(() => factory.ConnectAsync(new SessionParameters { Target = "loopback://host", Provider = "rival" }));

        Assert.Equal("rival", ex.TransportName);
        Assert.Equal(TransportPhase.Connect, ex.Phase);
        Assert.Contains(dll, ex.Message, StringComparison.Ordinal);
        Assert.Contains("connects nowhere", ex.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
    }

    [Fact]
    public async Task InvalidParameters_AreRejectedBeforeAnyProviderIsChosen()
    {
        var factory = new PsrpSessionFactory(Catalogs.Over());

        await Assert.ThrowsAsync<SessionParameterException>(() => factory.ConnectAsync(new SessionParameters { HostName = "h", ContainerId = "c" }));
        await Assert.ThrowsAsync<ProviderNotFoundException>(() => factory.ConnectAsync(new SessionParameters { Target = "nosuch://h" }));
    }
}
