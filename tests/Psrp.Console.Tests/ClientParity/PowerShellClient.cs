using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace Psrp.Cli.Tests.ClientParity;

/// <summary>
/// PowerShell's own client (System.Management.Automation 7.6.9 in this process) running
/// <c>Invoke-Command -Session</c> against <see cref="RecordingServer"/>, recording what it sends.
/// </summary>
internal static class PowerShellClient
{
    // The record file reaches the server through this process's environment: one client at a time.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    private const string Driver = """
        param([string] $Script)
        $runspace = [runspacefactory]::CreateOutOfProcessRunspace([System.Management.Automation.Runspaces.TypeTable] $null)
        $runspace.Open()
        try {
            $session = [System.Management.Automation.Runspaces.PSSession]::Create($runspace, 'parity', $null)
            Invoke-Command -Session $session -ScriptBlock ([scriptblock]::Create($Script)) 2>$null 3>$null 4>$null 5>$null 6>$null
        } finally {
            $runspace.Dispose()
        }
        """;

    /// <summary>Runs <paramref name="script"/> with Invoke-Command; the client's bytes go to <paramref name="recordPath"/>. Returns the output as text.</summary>
    public static async Task<IReadOnlyList<string>> InvokeCommandAsync(string script, string recordPath)
    {
        _ = RecordingServer.Path;
        await Gate.WaitAsync();
        try
        {
            return await Task.Run(() =>
            {
                Environment.SetEnvironmentVariable(RecordingServer.RecordVariable, recordPath);
                try
                {
                    using var local = PowerShell.Create(InitialSessionState.CreateDefault2());
                    local.AddScript(Driver).AddArgument(script);
                    var output = local.Invoke();
                    if (local.HadErrors && local.Streams.Error.Count > 0 && output.Count == 0)
                    {
                        throw new InvalidOperationException($"PowerShell's client failed: {local.Streams.Error[0]}");
                    }

                    return (IReadOnlyList<string>)output.Select(o => o?.ToString() ?? string.Empty).ToArray();
                }
                finally
                {
                    Environment.SetEnvironmentVariable(RecordingServer.RecordVariable, null);
                }
            });
        }
        finally
        {
            Gate.Release();
        }
    }
}
