using System.Diagnostics;

namespace Psrp.Providers.Process;

/// <summary>
/// Owns the server process: disposed after the transport's streams, it gives the server a short
/// grace period to exit on its own (it does once its stdin closes) and then kills the whole tree.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly TimeSpan _grace;

    public ServerProcess(System.Diagnostics.Process process, TimeSpan grace)
    {
        _process = process;
        _grace = grace;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                using var grace = new CancellationTokenSource(_grace);
                try
                {
                    await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or TimeoutException)
        {
            // Already gone, or the OS refuses: nothing more a dispose can do.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
