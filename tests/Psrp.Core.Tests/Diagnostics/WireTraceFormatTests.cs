using System.Text;
using Psrp.Diagnostics;

namespace Psrp.Core.Tests.Diagnostics;

/// <summary>The trace file format: records survive a write and a read, text units with any characters included.</summary>
public class WireTraceFormatTests
{
    [Fact]
    public void Records_round_trip_through_the_writer_and_the_reader()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 24, 7, 0, 0, TimeSpan.Zero));
        var file = new MemoryStream();
        using (var writer = new WireTraceWriter(file, clock))
        {
            writer.RecordPacket("process", WireDirection.Sent, "<Command PSGuid='00000000-0000-0000-0000-000000000001' />\n"u8);
            clock.Advance(TimeSpan.FromTicks(12345));
            writer.RecordText("wsman", WireDirection.Received, "wsman", "HTTP/1.1 200 OK\r\nX-Tab:\there\\n\r\n\r\n<s:Envelope/>");
        }

        var lines = Encoding.UTF8.GetString(file.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(WireTraceFormat.Header, lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("2026-11-24T07:00:00.0000000Z\t>\tprocess\toop\t<Command", lines[1], StringComparison.Ordinal);

        var first = WireTraceFormat.Parse(lines[1]);
        Assert.Equal(WireDirection.Sent, first.Direction);
        Assert.Equal("<Command PSGuid='00000000-0000-0000-0000-000000000001' />", first.Payload);
        var second = WireTraceFormat.Parse(lines[2]);
        Assert.Equal(WireDirection.Received, second.Direction);
        Assert.Equal("HTTP/1.1 200 OK\r\nX-Tab:\there\\n\r\n\r\n<s:Envelope/>", second.Payload);
        Assert.Equal(TimeSpan.FromTicks(12345), second.Time - first.Time);
    }

    [Theory]
    [InlineData("not a record")]
    [InlineData("yesterday\t>\tp\too\tx")]
    [InlineData("2026-11-24T07:00:00Z\t=\tp\too\tx")]
    public void Malformed_lines_are_refused_clearly(string line) => Assert.Throws<FormatException>(() => WireTraceFormat.Parse(line));

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
