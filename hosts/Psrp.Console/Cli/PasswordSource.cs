using Psrp.Cli.Terminal;

namespace Psrp.Cli.Cli;

/// <summary>
/// The password for <c>-Credential user</c>: from <c>PSRP_PASSWORD</c> when set (scripts, CI), else
/// asked at the terminal without echo. Never printed, never logged.
/// </summary>
internal static class PasswordSource
{
    /// <summary>The environment variable holding a password for non-interactive use.</summary>
    public const string Variable = "PSRP_PASSWORD";

    public static async Task<string> GetAsync(string user, Screen screen, IUserInput input, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(Variable) is { } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (!input.IsInteractive)
        {
            throw new UsageException($"-Credential {user}: there is no terminal to ask for the password; set {Variable}.");
        }

        screen.EnsureLineStart();
        screen.Write($"Password for user {user}: ");
        var line = await input.ReadLineAsync(mask: true, cancellationToken).ConfigureAwait(false);
        return line.Status == LineStatus.Accepted
            ? line.Text
            : throw new OperationCanceledException("The password prompt was cancelled.");
    }
}
