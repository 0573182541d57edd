using System.Collections.Concurrent;
using System.Text;
using Psrp.Client;
using Psrp.Diagnostics;
using Psrp.Providers.WSMan;

namespace Psrp.WSMan.Tests.Integration;

/// <summary>The trace recorder sees every HTTP request and response envelope, and never the Authorization header.</summary>
public sealed class WireTraceTests(EndpointFixture fixture) : IClassFixture<EndpointFixture>
{
    [Fact]
    public async Task Every_request_and_response_is_recorded_without_credentials()
    {
        var recorder = new ListRecorder();
        var options = fixture.Options(https: false) with { WireRecorder = recorder };
        var (pool, transport) = await EndpointFixture.OpenAsync(options);
        await using (pool)
        {
            Assert.Equal(2, Assert.Single(await pool.InvokeScriptAsync("1 + 1"))!.BaseValue);
            await pool.CloseAsync();
        }

        var units = recorder.Units.ToList();
        Assert.All(units, u => Assert.Equal(("wsman", "wsman"), (u.Transport, u.Kind)));
        var sent = units.Where(u => u.Direction == WireDirection.Sent).Select(u => u.Text).ToList();
        var received = units.Where(u => u.Direction == WireDirection.Received).Select(u => u.Text).ToList();

        // Every response is in the trace after its request; only a Receive abandoned at close may lack one.
        Assert.Equal(transport.Statistics.RoundTrips, received.Count);
        Assert.InRange(sent.Count - received.Count, 0, 2);
        Assert.All(sent, t => Assert.StartsWith("POST /wsman HTTP/", t, StringComparison.Ordinal));
        Assert.All(received, t => Assert.StartsWith("HTTP/", t, StringComparison.Ordinal));
        Assert.Contains(sent, t => t.Contains("http://schemas.xmlsoap.org/ws/2004/09/transfer/Create", StringComparison.Ordinal) && t.Contains("creationXml", StringComparison.Ordinal));
        Assert.Contains(received, t => t.Contains("ReceiveResponse", StringComparison.Ordinal));
        Assert.Contains(sent, t => t.Contains("http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete", StringComparison.Ordinal));

        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fixture.Endpoint.UserName}:{fixture.Endpoint.Password}"));
        Assert.All(units, u =>
        {
            Assert.DoesNotContain("Authorization", u.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(basic, u.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(fixture.Endpoint.Password, u.Text, StringComparison.Ordinal);
        });
    }

    private sealed class ListRecorder : IWireRecorder
    {
        public ConcurrentQueue<(string Transport, WireDirection Direction, string Kind, string Text)> Units { get; } = new();

        public void RecordPacket(string transport, WireDirection direction, ReadOnlySpan<byte> line) =>
            throw new InvalidOperationException("WSMan has no out-of-proc packets.");

        public void RecordText(string transport, WireDirection direction, string kind, string text) =>
            Units.Enqueue((transport, direction, kind, text));
    }
}
