using Psrp.Providers.WSMan;
using Psrp.Transport;

namespace Psrp.WSMan.Tests.Unit;

/// <summary>Core's wire tuning in the connect request reaches the WSMan transport, as it reaches the process transport.</summary>
public sealed class TransportOptionsTests
{
    [Fact]
    public async Task Envelope_and_fragment_sizes_from_the_connect_request_are_applied()
    {
        var request = Request(new Dictionary<string, string> { ["NoEncryption"] = "$true" }, new TransportOptions { MaxEnvelopeSize = 65536, MaxFragmentSize = 4096 });
        await using var transport = (WSManTransport)await new WSManTransportProvider().ConnectAsync(request, CancellationToken.None);

        Assert.Equal(65536, transport.MaxEnvelopeSize);
        Assert.Equal(4096, transport.Capabilities.MaxFragmentSize);

        // An explicit size is kept after negotiation, like a MaxEnvelopeSizeKB session option.
        transport.OnProtocolNegotiated(new Version(2, 4));
        Assert.Equal(65536, transport.MaxEnvelopeSize);
        Assert.Equal(4096, transport.Capabilities.MaxFragmentSize);
    }

    [Fact]
    public async Task A_MaxEnvelopeSizeKB_session_option_wins_and_a_fragment_never_outgrows_the_envelope()
    {
        var request = Request(
            new Dictionary<string, string> { ["NoEncryption"] = "$true", ["MaxEnvelopeSizeKB"] = "16" },
            new TransportOptions { MaxEnvelopeSize = 65536, MaxFragmentSize = 1 << 20 });
        await using var transport = (WSManTransport)await new WSManTransportProvider().ConnectAsync(request, CancellationToken.None);

        Assert.Equal(16384, transport.MaxEnvelopeSize);
        Assert.InRange(transport.Capabilities.MaxFragmentSize, 8192, 12288);
    }

    private static TransportConnectRequest Request(Dictionary<string, string> sessionOptions, TransportOptions options)
    {
        var parameters = new SessionParameters { ComputerName = "server", Credential = new PsrpCredential("user", "pw"), SessionOption = sessionOptions };
        var (_, target) = parameters.Resolve();
        return new TransportConnectRequest(target, parameters) { Options = options };
    }
}
