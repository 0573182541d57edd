namespace Psrp.Host;

/// <summary>
/// A host that shows output but cannot ask the user anything: every prompt fails with a
/// <see cref="PsrpHostException"/> that names the request, which the remote command receives as
/// its error. Host output goes to <see cref="NonInteractiveHostUI.Output"/> when one is given.
/// </summary>
public class NonInteractiveHost : PsrpHost
{
    /// <summary>Creates the host; <paramref name="output"/> receives host output lines (null: discarded).</summary>
    public NonInteractiveHost(TextWriter? output = null)
        : base(new NonInteractiveHostUI(output))
    {
    }
}
