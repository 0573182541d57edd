namespace Psrp.OutOfProc;

/// <summary>
/// Decides when the out-of-proc reader pauses before its next read, so that data a server writes in
/// many small pieces is read in fewer, larger reads. Every read that finds little data wakes the
/// reader thread once; on a stream of short Data lines (one object each) or a long line written in
/// pieces, those wake-ups cost several times more client CPU than the data's decoding. A round
/// trip's few lines are never delayed: pausing starts only inside a long line, or after many Data
/// lines in a row on one channel with no quiet gap between reads.
/// </summary>
internal sealed class ReadPacing
{
    /// <summary>How long the reader pauses.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(1);

    /// <summary>A partial line this long is a large Data line in flight, not an interactive reply.</summary>
    public const int LongLineInFlight = 4096;

    /// <summary>Data lines in a row on one channel that make a stream (a pipeline's start and end are 2–4).</summary>
    public const int StreamAfterLines = 32;

    /// <summary>A read that waited this long ends a stream: the server paused, so the next line may be a reply.</summary>
    public static readonly TimeSpan QuietGap = TimeSpan.FromMilliseconds(2);

    private Guid _channel;
    private int _linesInRow;

    /// <summary>A read returned after waiting <paramref name="waited"/> for data.</summary>
    public void ReadReturned(TimeSpan waited)
    {
        if (waited >= QuietGap)
        {
            _linesInRow = 0;
        }
    }

    /// <summary>A Data line arrived on <paramref name="channel"/>.</summary>
    public void DataLine(Guid channel)
    {
        if (channel != _channel)
        {
            _channel = channel;
            _linesInRow = 0;
        }

        if (_linesInRow < StreamAfterLines)
        {
            _linesInRow++;
        }
    }

    /// <summary>Whether to pause before the next read, given the bytes of a line still arriving.</summary>
    public bool ShouldPause(int partialLineBytes) =>
        partialLineBytes >= LongLineInFlight || _linesInRow >= StreamAfterLines;
}
