using Psrp.Client;
using Psrp.Transport;

namespace Psrp.Cli.Interactive;

/// <summary>Stopping a pipeline from Ctrl+C: fire and forget, so it must never throw into nowhere.</summary>
internal static class PipelineStop
{
    public static async Task QuietlyAsync(RemotePipeline pipeline)
    {
        try
        {
            await pipeline.StopAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PsrpTransportException or PsrpRemoteException or ObjectDisposedException or InvalidOperationException)
        {
            // The pipeline ended anyway, or the session is gone: whoever runs the pipeline reports that.
        }
    }
}
