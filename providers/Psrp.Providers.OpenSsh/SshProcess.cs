using System.Diagnostics;

namespace Psrp.Providers.OpenSsh;

/// <summary>
/// Owns the ssh process: disposed after the transport's streams, it gives ssh a short grace period
/// to exit on its own (it does once its stdin closes and the channel ends) and then kills it.
/// </summary>
internal sealed class SshProcess : IAsyncDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);
    private readonly Process _process;

    public SshProcess(Process process) => _process = process;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                using var grace = new CancellationTokenSource(Grace);
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
