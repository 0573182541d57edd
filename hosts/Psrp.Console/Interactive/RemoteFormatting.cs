using Psrp.Client;

namespace Psrp.Cli.Interactive;

/// <summary>
/// Output is formatted where PowerShell's formatting lives: when the endpoint has <c>Out-String</c>,
/// each command's output goes through <c>Out-String -Stream</c> on the remote end (what an
/// interactive remote session shows); otherwise (a minimal endpoint such as the bundled local
/// server) objects come back as they are and are formatted here.
/// </summary>
internal static class RemoteFormatting
{
    /// <summary>True when the endpoint has Out-String.</summary>
    public static async Task<bool> HasOutStringAsync(RunspacePool pool, CancellationToken cancellationToken)
    {
        try
        {
            var result = await pool.InvokeScriptAsync("[bool](Get-Command Out-String -CommandType Cmdlet -ErrorAction Ignore)", cancellationToken).ConfigureAwait(false);
            return result is [{ BaseValue: true }];
        }
        catch (PsrpRemoteException)
        {
            // A restricted endpoint may not even have Get-Command: format here.
            return false;
        }
    }

    /// <summary>A pipeline running <paramref name="script"/>, piped through Out-String when the endpoint has it.</summary>
    public static RemotePipeline Build(RunspacePool pool, string script, bool outString, int width)
    {
        var pipeline = pool.CreatePipeline().AddScript(script);
        if (outString)
        {
            pipeline.AddCommand("Out-String").AddParameter("Stream").AddParameter("Width", width);
        }

        return pipeline;
    }
}
