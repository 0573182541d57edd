using System.Globalization;
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
internal sealed class InvokeHost : IPsrpHost
{
    public InvokeHost(TextWriter output, TextWriter diagnostics)
    {
        UI = new InvokeHostUI(output, diagnostics);
    }

    public string Name => "psrp";

    public Version Version { get; } = typeof(InvokeHost).Assembly.GetName().Version ?? new Version(1, 0);

    public Guid InstanceId { get; } = Guid.NewGuid();

    public CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    public CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    public IPsrpHostUI UI { get; }

    /// <summary>The exit code remote code asked for (<c>exit N</c>: SetShouldExit), if it did.</summary>
    public int? ShouldExitCode { get; private set; }

    public void SetShouldExit(int exitCode) => ShouldExitCode = exitCode;

    public void NotifyBeginApplication()
    {
    }

    public void NotifyEndApplication()
    {
    }

    private sealed class InvokeHostUI(TextWriter output, TextWriter diagnostics) : NonInteractiveHostUI(output)
    {
        public override void WriteErrorLine(string value) => diagnostics.WriteLine(value);

        public override void WriteDebugLine(string value) => diagnostics.WriteLine($"DEBUG: {value}");

        public override void WriteVerboseLine(string value) => diagnostics.WriteLine($"VERBOSE: {value}");

        public override void WriteWarningLine(string value) => diagnostics.WriteLine($"WARNING: {value}");
    }
}
