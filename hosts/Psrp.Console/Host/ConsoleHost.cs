using Psrp.Host;

namespace Psrp.Cli.Host;

/// <summary>
/// The host remote code sees in <c>psrp enter</c>: its output, prompts, credentials and choices are
/// shown and answered at this console.
/// </summary>
internal sealed class ConsoleHost(ConsoleHostUI ui) : PsrpHost(ui)
{
}
