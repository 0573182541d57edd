namespace Psrp.Benchmarks.EndToEnd;

/// <summary>An open pool (or runspace) of one client on its own server process.</summary>
public interface IE2eSession : IAsyncDisposable
{
    /// <summary>
    /// Runs <paramref name="script"/> as <paramref name="pipelines"/> pipelines in a row, consuming the
    /// output as a program would: each item is read and <paramref name="touchProperty"/> (or its base
    /// value) looked at.
    /// </summary>
    Task<E2eOutput> RunAsync(string script, string? touchProperty, int pipelines, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="script"/> once with <paramref name="input"/> streamed to it as pipeline input,
    /// consuming the output as <see cref="RunAsync"/> does (each item's base value).
    /// </summary>
    Task<E2eOutput> RunWithInputAsync(string script, IReadOnlyList<string> input, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="script"/> once and returns its output as text (for checks, not timed).</summary>
    Task<string> RunToTextAsync(string script, CancellationToken cancellationToken);
}
