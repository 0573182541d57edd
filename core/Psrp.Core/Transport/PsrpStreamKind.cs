namespace Psrp.Transport;

/// <summary>
/// The priority stream a fragment travels on (PowerShell's DataPriorityType). Host responses go
/// on <see cref="PromptResponse"/> so a pipeline waiting for its host is not stuck behind input.
/// </summary>
public enum PsrpStreamKind
{
    /// <summary>Everything except host responses (WSMan <c>stdin</c>/<c>stdout</c>; out-of-proc <c>Default</c>).</summary>
    Default = 0,

    /// <summary>Host-call responses (WSMan <c>pr</c>; out-of-proc <c>PromptResponse</c>).</summary>
    PromptResponse = 1,
}
