namespace Psrp.Providers.Shared;

/// <summary>
/// Owns a child process a provider started (a PowerShell server, an ssh client). Disposed after the transport's
/// streams, it gives the process a grace period to exit on its own (it does once its stdin closes) and then kills
/// the whole tree; it never throws and never waits unbounded.
/// </summary>
/// <remarks>
/// Compiled into each provider that starts processes (linked in its project file), since a provider references
/// core and its own I/O library, never another provider.
/// </remarks>
internal sealed class OwnedProcess : IAsyncDisposable
{
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);
    // Spelled out: inside Psrp.Providers, "Process" is also the process provider's namespace.
    private readonly System.Diagnostics.Process _process;
    private readonly TimeSpan _grace;

    public OwnedProcess(System.Diagnostics.Process process, TimeSpan grace)
    {
        _process = process;
        _grace = grace;
    }

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
                    await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(KillWait).ConfigureAwait(false);
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
