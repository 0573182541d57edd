namespace Psrp.Cli.Terminal;

/// <summary>A scope in which Ctrl+C is read as a key instead of raising the interrupt signal.</summary>
internal sealed class ControlCAsInput : IDisposable
{
    private readonly bool _previous;
    private readonly bool _changed;

    private ControlCAsInput()
    {
        if (Console.IsInputRedirected)
        {
            return;
        }

        _previous = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true;
        _changed = true;
    }

    public static ControlCAsInput Enable() => new();

    public void Dispose()
    {
        if (_changed)
        {
            Console.TreatControlCAsInput = _previous;
        }
    }
}
