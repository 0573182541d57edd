using System.Management.Automation.Language;

namespace Psrp.LocalServer;

/// <summary>
/// Implements <c>-WorkingDirectory</c> without the <c>Set-Location</c> cmdlet.
/// </summary>
/// <remarks>
/// pwsh hands the directory to the server loop, which runs <c>Set-Location -LiteralPath</c> in
/// every new runspace. Set-Location lives in Microsoft.PowerShell.Management, a module the
/// NuGet engine does not ship, so that breaks every pool (RUNSPACEPOOL_STATE Broken with a
/// CommandNotFoundException). Changing the process's directory does not help either: the
/// server moves each new runspace to the user's documents folder ($HOME on Unix) first.
/// Instead the location is set by the server loop's initial command (a script run in each new
/// runspace after that move) through the engine's own path API.
/// </remarks>
internal static class InitialLocation
{
    /// <summary>A script that makes <paramref name="directory"/> the current location, taken literally (no wildcards), with no output.</summary>
    public static string Script(string directory) =>
        "$null = $ExecutionContext.SessionState.Path.SetLocation([System.Management.Automation.WildcardPattern]::Escape('" +
        CodeGeneration.EscapeSingleQuotedStringContent(directory) + "'))";
}
