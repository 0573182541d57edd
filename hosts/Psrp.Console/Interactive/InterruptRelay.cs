namespace Psrp.Cli.Interactive;

/// <summary>
/// Turns Ctrl+C (the interrupt signal) into "stop what is running" instead of ending the process:
/// the running step registers what stopping means (stop the remote pipeline, cancel the connect).
/// The process survives the signal while a step is registered, except when that step ignores it
/// three times in a row: then the default action (termination) is the user's way out of a hung step.
/// </summary>
internal sealed class InterruptRelay : IDisposable
{
    private const int PressesBeforeGivingUp = 3;

    private readonly object _gate = new();
    private Action? _current;
    private int _presses;

    public InterruptRelay()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
    }

    /// <summary>Makes <paramref name="stop"/> the reaction to Ctrl+C until the returned scope is disposed.</summary>
    public IDisposable During(Action stop)
    {
        lock (_gate)
        {
            _current = stop;
            _presses = 0;
        }

        return new Scope(this, stop);
    }

    /// <summary>Runs the current reaction as if Ctrl+C had been pressed (Ctrl+C typed at a host prompt).</summary>
    public void Raise()
    {
        Action? stop;
        lock (_gate)
        {
            stop = _current;
        }

        stop?.Invoke();
    }

    public void Dispose() => Console.CancelKeyPress -= OnCancelKeyPress;

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        Action? stop;
        lock (_gate)
        {
            stop = _current;
            _presses++;
            // Nothing to stop (e.g. waiting for piped input): the signal ends the process, as anywhere else.
            e.Cancel = stop is not null && _presses < PressesBeforeGivingUp;
        }

        stop?.Invoke();
    }

    private sealed class Scope(InterruptRelay relay, Action stop) : IDisposable
    {
        public void Dispose()
        {
            lock (relay._gate)
            {
                if (ReferenceEquals(relay._current, stop))
                {
                    relay._current = null;
                }
            }
        }
    }
}
