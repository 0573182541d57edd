using System.Diagnostics;

namespace Psrp.Plugin.Loopback;

/// <summary>Owns the server process: disposed after the streams, it lets the server exit on its closed stdin, then kills it.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;

    public ChildProcess(Process process) => _process = process;

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
