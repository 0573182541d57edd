namespace Psrp.Cli.Terminal;

/// <summary>
/// Reads keys from the console. Console.ReadKey cannot be cancelled, so the reader polls
/// KeyAvailable and reads only a key that is there: a prompt abandoned because the remote pipeline
/// stopped leaves no blocked read behind to swallow the next key.
/// </summary>
internal sealed class ConsoleKeyReader : IKeyReader
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(15);

    public bool KeyAvailable => Console.KeyAvailable;

    public void DiscardPending()
    {
        while (Console.KeyAvailable)
        {
            Console.ReadKey(intercept: true);
        }
    }

    public async ValueTask<ConsoleKeyInfo> ReadKeyAsync(CancellationToken cancellationToken)
    {
        while (!Console.KeyAvailable)
        {
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        return Console.ReadKey(intercept: true);
    }
}
