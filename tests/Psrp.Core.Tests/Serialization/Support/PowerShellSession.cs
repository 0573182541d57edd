using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace Psrp.Tests.Serialization.Support;

/// <summary>
/// One in-process PowerShell runspace for the whole test run: creating one costs a second or two,
/// so the corpus makes its real PowerShell objects (ErrorRecords, [pscustomobject]s…) through
/// this single instance. CreateDefault2 because the full default session state does not load
/// in-process here.
/// </summary>
internal static class PowerShellSession
{
    private static readonly Lazy<Runspace> Runspace = new(() =>
    {
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        return runspace;
    });

    private static readonly Lock Gate = new();

    /// <summary>Runs a script and returns its output; errors in the error stream fail loudly.</summary>
    public static Collection<PSObject> Invoke(string script)
    {
        lock (Gate)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = Runspace.Value;
            ps.AddScript(script);
            var output = ps.Invoke();
            if (ps.HadErrors && ps.Streams.Error.Count > 0)
            {
                throw new InvalidOperationException($"Script failed: {ps.Streams.Error[0]}");
            }

            return output;
        }
    }

    /// <summary>Runs a script that must write exactly one object.</summary>
    public static PSObject InvokeOne(string script)
    {
        var output = Invoke(script);
        return output.Count == 1 ? output[0] : throw new InvalidOperationException($"Expected one object from '{script}', got {output.Count}.");
    }
}
