using Psrp.Client;
using Psrp.Providers.Process;

namespace Psrp.Benchmarks.EndToEnd;

/// <summary>Our client: a <see cref="RunspacePool"/> over the process transport, on the LocalServer.</summary>
public sealed class OurSession : IE2eSession
{
    private readonly RunspacePool _pool;

    /// <summary>A session on a pool opened elsewhere (the session closes it).</summary>
    public OurSession(RunspacePool pool) => _pool = pool;

    /// <summary>Starts a LocalServer and opens a pool on it.</summary>
    public static async Task<IE2eSession> OpenAsync(CancellationToken cancellationToken)
    {
        var transport = await new ProcessTransportProvider().ConnectAsync(
            new ProcessTransportOptions { FileName = LocalServerCommand.DllPath, Arguments = LocalServerCommand.Arguments },
            cancellationToken).ConfigureAwait(false);
        var pool = await RunspacePool.OpenAsync(transport, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new OurSession(pool);
    }

    /// <inheritdoc />
    public async Task<E2eOutput> RunAsync(string script, string? touchProperty, int pipelines, CancellationToken cancellationToken)
    {
        var output = default(E2eOutput);
        for (var i = 0; i < pipelines; i++)
        {
            await foreach (var item in _pool.CreatePipeline().AddScript(script).InvokeAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                output = output.With(touchProperty is null ? item?.BaseValue : item?[touchProperty]);
            }
        }

        return output;
    }

    /// <inheritdoc />
    public async Task<E2eOutput> RunWithInputAsync(string script, IReadOnlyList<string> input, CancellationToken cancellationToken)
    {
        var output = default(E2eOutput);
        await foreach (var item in _pool.CreatePipeline().AddScript(script).InvokeAsync(Stream(input), cancellationToken).ConfigureAwait(false))
        {
            output = output.With(item?.BaseValue);
        }

        return output;
    }

    /// <inheritdoc />
    public async Task<string> RunToTextAsync(string script, CancellationToken cancellationToken)
    {
        var items = await _pool.InvokeScriptAsync(script, cancellationToken).ConfigureAwait(false);
        return string.Join(Environment.NewLine, items.Select(i => i?.BaseValue?.ToString()));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _pool.CloseAsync().ConfigureAwait(false);

    // The input as a program with a ready list would stream it: no waiting between items.
#pragma warning disable CS1998 // an async iterator without awaits is the plain way to turn a list into an IAsyncEnumerable
    private static async IAsyncEnumerable<object?> Stream(IReadOnlyList<string> input)
#pragma warning restore CS1998
    {
        foreach (var item in input)
        {
            yield return item;
        }
    }
}
