using Psrp.Serialization;

namespace Psrp.Tests.Shared;

/// <summary>
/// Scripts and helpers the peer test projects share, so the same checks run unchanged against
/// every peer (the local server over stdio, a container exec, …). Linked into each project.
/// </summary>
internal static class RemoteScripts
{
    /// <summary>
    /// Writes one record to every stream through <c>$PSCmdlet</c> (the local endpoint has no
    /// Write-* cmdlets), then one output string. <c>$DebugPreference</c> instead of <c>-Debug</c>:
    /// with <c>-Debug</c>, PowerShell 7.6 makes WriteWarning prompt.
    /// </summary>
    public const string Streams = """
        function Test-Streams {
            [CmdletBinding()] param()
            $PSCmdlet.WriteWarning('a warning')
            $PSCmdlet.WriteVerbose('some verbose')
            $PSCmdlet.WriteDebug('some debug')
            $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([System.InvalidOperationException]::new('an error'), 'TestErrorId', 'InvalidData', 'the target'))
            $p = [System.Management.Automation.ProgressRecord]::new(7, 'the activity', 'the status')
            $p.PercentComplete = 40
            $PSCmdlet.WriteProgress($p)
            $PSCmdlet.WriteInformation('some information', [string[]]@('tag1'))
            'the output'
        }
        $DebugPreference = 'Continue'
        Test-Streams -Verbose -InformationAction Continue
        """;

    /// <summary>Reads a pipeline's whole output.</summary>
    public static async Task<List<PsObject?>> CollectAsync(IAsyncEnumerable<PsObject?> items)
    {
        var list = new List<PsObject?>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
