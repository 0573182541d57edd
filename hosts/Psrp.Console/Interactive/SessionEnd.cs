using Psrp.Client;
using Psrp.Transport;

namespace Psrp.Cli.Interactive;

/// <summary>How <c>psrp enter</c> and <c>psrp invoke</c> leave a session.</summary>
internal static class SessionEnd
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(10);

    // A local server gets its exit grace period (2 s) and is then killed; a remote one is just dropped.
    private static readonly TimeSpan AbandonTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Closes the pool politely (bounded), or, when the user abandoned the session with a second
    /// Ctrl+C, drops it without asking the server anything more.
    /// </summary>
    public static async Task EndAsync(RunspacePool pool, bool abandoned)
    {
        if (abandoned)
        {
            try
            {
                await pool.DisposeAsync().AsTask().WaitAsync(AbandonTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Leaving is what the user asked for; the process ends either way.
            }

            return;
        }

        using var closing = new CancellationTokenSource(CloseTimeout);
        try
        {
            await pool.CloseAsync(closing.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or PsrpTransportException or PsrpRemoteException)
        {
            await pool.DisposeAsync().ConfigureAwait(false);
        }
    }
}
