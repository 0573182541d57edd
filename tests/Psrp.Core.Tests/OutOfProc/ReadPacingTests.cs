using Psrp.OutOfProc;

namespace Psrp.Tests.OutOfProc;

public class ReadPacingTests
{
    private static readonly Guid Pipeline = Guid.Parse("5312ea72-f75e-409a-8950-be4cd921563c");
    private static readonly Guid Other = Guid.Parse("0bc5e6d1-1a4e-4d3c-9d55-2f1a5b2c7e10");
    private static readonly TimeSpan Quick = TimeSpan.FromMicroseconds(50);

    [Fact]
    public void A_long_line_in_flight_pauses_the_reader()
    {
        var pacing = new ReadPacing();
        Assert.True(pacing.ShouldPause(ReadPacing.LongLineInFlight));
        Assert.False(pacing.ShouldPause(ReadPacing.LongLineInFlight - 1));
        Assert.False(pacing.ShouldPause(0));
    }

    [Fact]
    public void A_round_trips_few_lines_are_never_delayed()
    {
        var pacing = new ReadPacing();
        for (var pipeline = 0; pipeline < 200; pipeline++)
        {
            // A one-line pipeline: output and state on a new channel each time, read in quick succession.
            var channel = Guid.NewGuid();
            for (var line = 0; line < 4; line++)
            {
                pacing.ReadReturned(Quick);
                pacing.DataLine(channel);
                Assert.False(pacing.ShouldPause(0));
            }
        }
    }

    [Fact]
    public void Many_lines_in_a_row_on_one_channel_are_a_stream()
    {
        var pacing = new ReadPacing();
        for (var line = 1; line < ReadPacing.StreamAfterLines; line++)
        {
            pacing.ReadReturned(Quick);
            pacing.DataLine(Pipeline);
            Assert.False(pacing.ShouldPause(0));
        }

        pacing.DataLine(Pipeline);
        Assert.True(pacing.ShouldPause(0));
    }

    [Fact]
    public void A_quiet_gap_or_another_channel_ends_the_stream()
    {
        var pacing = new ReadPacing();
        for (var line = 0; line < ReadPacing.StreamAfterLines; line++)
        {
            pacing.DataLine(Pipeline);
        }

        Assert.True(pacing.ShouldPause(0));
        pacing.ReadReturned(ReadPacing.QuietGap);
        Assert.False(pacing.ShouldPause(0), "after the server went quiet, the next line may be a reply");

        for (var line = 0; line < ReadPacing.StreamAfterLines; line++)
        {
            pacing.DataLine(Pipeline);
        }

        pacing.DataLine(Other);
        Assert.False(pacing.ShouldPause(0));
    }
}
