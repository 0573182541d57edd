namespace Psrp.Cli.Cli;

/// <summary>The process exit codes of <c>psrp</c>, documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>The remote pipeline failed (a terminating error), or wrote errors under <c>--fail-on-error</c>.</summary>
    public const int PipelineFailed = 1;

    /// <summary>Bad parameters: unknown option, bad value, or parameters from different parameter sets.</summary>
    public const int BadParameters = 2;

    /// <summary>The target could not be reached or the session broke.</summary>
    public const int ConnectionFailed = 3;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
