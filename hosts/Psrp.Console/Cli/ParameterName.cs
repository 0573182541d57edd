namespace Psrp.Cli.Cli;

/// <summary>
/// One command-line parameter as a user may spell it: PowerShell's name (<c>-HostName</c>), the
/// kebab-case option System.CommandLine parses (<c>--host-name</c>), and PowerShell's aliases.
/// </summary>
/// <param name="PowerShellName">The name in PowerShell's casing, e.g. <c>HostName</c>.</param>
/// <param name="Option">The canonical option, e.g. <c>--host-name</c>.</param>
/// <param name="TakesValue">False for switches: the next token is never this parameter's value.</param>
/// <param name="Aliases">Other accepted names (case-insensitive, without dashes), e.g. <c>Cn</c>.</param>
internal sealed record ParameterName(string PowerShellName, string Option, bool TakesValue, params string[] Aliases);
