using System.Diagnostics;

namespace Psrp.Fuzz;

/// <summary>What a bounded mutation run of one target found.</summary>
/// <param name="Executions">Inputs run (including the corpus itself).</param>
/// <param name="Elapsed">Wall time of the whole run.</param>
/// <param name="Slowest">The slowest single input's time.</param>
/// <param name="Crash">The first input that let an exception escape, with the exception; null if none.</param>
/// <param name="Slow">The first input that ran longer than the per-input limit; null if none.</param>
public sealed record MutationResult(int Executions, TimeSpan Elapsed, TimeSpan Slowest, (byte[] Input, Exception Error)? Crash, (byte[] Input, TimeSpan Time)? Slow);

/// <summary>
/// Runs a target on its corpus, then on <c>executions</c> deterministic mutations of it, stopping at
/// the first escaped exception or over-long input. An input that never returns is reported after
/// the hang limit from a watchdog (its thread is abandoned, as a hung decoder leaves no better choice).
/// </summary>
public static class MutationRun
{
    /// <summary>Runs <paramref name="target"/>.</summary>
    public static MutationResult Run(IFuzzTarget target, IReadOnlyList<byte[]> corpus, int executions, int seed, TimeSpan perInputLimit, TimeSpan? hangLimit = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(corpus);
        var hang = hangLimit ?? TimeSpan.FromTicks(perInputLimit.Ticks * 5);
        var mutator = new Mutator(corpus, seed);
        var total = Stopwatch.StartNew();
        byte[] current = [];
        long currentStarted = 0;
        var done = 0;
        var slowest = TimeSpan.Zero;
        (byte[], Exception)? crash = null;
        (byte[], TimeSpan)? slow = null;
        var thread = new Thread(() =>
        {
            for (var i = 0; i < corpus.Count + executions; i++)
            {
                var input = i < corpus.Count ? corpus[i] : mutator.Next();
                Volatile.Write(ref current, input);
                var started = Stopwatch.GetTimestamp();
                Volatile.Write(ref currentStarted, started);
                try
                {
                    target.Run(input);
                }
                catch (Exception ex)
                {
                    crash = (input, ex);
                    break;
                }
                finally
                {
                    Volatile.Write(ref currentStarted, 0);
                }

                var took = Stopwatch.GetElapsedTime(started);
                slowest = took > slowest ? took : slowest;
                done = i + 1;
                if (took > perInputLimit)
                {
                    slow = (input, took);
                    break;
                }
            }
        }) { IsBackground = true, Name = $"fuzz {target.Name}" };
        thread.Start();
        while (!thread.Join(TimeSpan.FromMilliseconds(200)))
        {
            var started = Volatile.Read(ref currentStarted);
            if (started != 0 && Stopwatch.GetElapsedTime(started) > hang)
            {
                return new MutationResult(done, total.Elapsed, Stopwatch.GetElapsedTime(started), null, (Volatile.Read(ref current), Stopwatch.GetElapsedTime(started)));
            }
        }

        return new MutationResult(done, total.Elapsed, slowest, crash, slow);
    }

    /// <summary>The corpus files of <paramref name="target"/> under <paramref name="corpusRoot"/>, in name order.</summary>
    public static IReadOnlyList<byte[]> LoadCorpus(string corpusRoot, IFuzzTarget target)
    {
        var folder = Path.Combine(corpusRoot, target.Name);
        return Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)]
            : [];
    }
}
