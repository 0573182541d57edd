namespace Psrp.Host;

/// <summary>One choice of a PromptForChoice call (PowerShell's ChoiceDescription).</summary>
/// <param name="Label">Label, with an optional <c>&amp;</c> before the hot key.</param>
/// <param name="HelpMessage">Help text.</param>
public sealed record HostChoiceDescription(string Label, string HelpMessage);
