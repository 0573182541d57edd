namespace Psrp.Runspaces;

/// <summary>
/// A transition table: every allowed (state, trigger) pair and the state it leads to, in one place,
/// so the whole behaviour of a state machine can be read (and tested) at a glance.
/// </summary>
internal sealed class StateTable<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly Dictionary<(TState, TTrigger), TState> _transitions = [];

    public StateTable<TState, TTrigger> Allow(TState from, TTrigger trigger, TState to)
    {
        _transitions.Add((from, trigger), to);
        return this;
    }

    public StateTable<TState, TTrigger> Allow(IEnumerable<TState> from, TTrigger trigger, TState to)
    {
        foreach (var state in from)
        {
            Allow(state, trigger, to);
        }

        return this;
    }

    public bool TryNext(TState from, TTrigger trigger, out TState to) => _transitions.TryGetValue((from, trigger), out to);

    public IEnumerable<(TState From, TTrigger Trigger, TState To)> Transitions =>
        _transitions.Select(t => (t.Key.Item1, t.Key.Item2, t.Value));
}
