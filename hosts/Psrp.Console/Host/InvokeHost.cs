using Psrp.Host;

namespace Psrp.Cli.Host;

/// <summary>
/// The host remote code sees in <c>psrp invoke</c>: nobody to answer prompts (they fail with a clear
/// error), host text (Write-Host, <c>$host.UI.WriteLine</c>) to <c>output</c>, and the host's
/// warning, verbose, debug and error lines to <c>diagnostics</c> (stderr).
/// </summary>
/// <remarks>
/// PowerShell's server writes each warning, verbose, debug and host-tagged information record twice
/// when the client has a host UI: as a stream record and as the host call that shows it. PowerShell's
/// client shows only the host call (Invoke-Command keeps the records for -WarningVariable and the
/// like); so does psrp, here. A record the script silenced (<c>3&gt;$null</c>) still arrives as a
/// record, but without a host call, so it stays unseen, as in PowerShell.
/// </remarks>
internal sealed class InvokeHost(TextWriter output, TextWriter diagnostics) : PsrpHost(new InvokeHostUI(output, diagnostics))
{
    private sealed class InvokeHostUI(TextWriter output, TextWriter diagnostics) : NonInteractiveHostUI(output)
    {
        public override void WriteErrorLine(string value) => diagnostics.WriteLine(value);

        public override void WriteDebugLine(string value) => diagnostics.WriteLine($"DEBUG: {value}");

        public override void WriteVerboseLine(string value) => diagnostics.WriteLine($"VERBOSE: {value}");

        public override void WriteWarningLine(string value) => diagnostics.WriteLine($"WARNING: {value}");
    }
}
