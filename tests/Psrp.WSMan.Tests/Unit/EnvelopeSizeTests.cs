using Psrp.Providers.WSMan;

namespace Psrp.WSMan.Tests.Unit;

/// <summary>MaxEnvelopeSize starts at 150 KiB and rises to 500 KiB from protocol 2.2 on, unless set (psrp-facts §1.2).</summary>
public sealed class EnvelopeSizeTests
{
    [Theory]
    [InlineData("2.1", 153600)]
    [InlineData("2.2", 512000)]
    [InlineData("2.4", 512000)]
    public async Task The_default_envelope_follows_the_negotiated_protocol(string version, int expected)
    {
        await using var transport = WSManTransportProvider.Connect(new WSManConnectionOptions { Endpoint = new Uri("http://127.0.0.1:1/wsman") });
        Assert.Equal(153600, transport.MaxEnvelopeSize);
        var before = transport.Capabilities.MaxFragmentSize;

        transport.OnProtocolNegotiated(Version.Parse(version));

        Assert.Equal(expected, transport.MaxEnvelopeSize);
        Assert.True(transport.Capabilities.MaxFragmentSize < expected * 3 / 4 + 1);
        Assert.Equal(expected > 153600, transport.Capabilities.MaxFragmentSize > before);
    }

    [Fact]
    public async Task An_explicit_envelope_size_is_kept()
    {
        await using var transport = WSManTransportProvider.Connect(new WSManConnectionOptions { Endpoint = new Uri("http://127.0.0.1:1/wsman"), MaxEnvelopeSize = 16384 });
        transport.OnProtocolNegotiated(new Version(2, 4));
        Assert.Equal(16384, transport.MaxEnvelopeSize);
        Assert.InRange(transport.Capabilities.MaxFragmentSize, 8192, 12288);
    }
}
