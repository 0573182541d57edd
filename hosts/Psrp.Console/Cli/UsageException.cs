namespace Psrp.Cli.Cli;

/// <summary>The command line is wrong (a bad value, a missing or unsupported parameter): exit code 2, message to stderr.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}
