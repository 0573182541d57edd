using Psrp.Fuzz.Targets;

namespace Psrp.Fuzz;

/// <summary>Every fuzz target, by name.</summary>
public static class FuzzTargets
{
    /// <summary>All targets, in the order docs/fuzzing.md lists them.</summary>
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new FragmentsTarget(),
        new MessagesTarget(),
        new ClixmlTarget(),
        new OutOfProcTarget(),
        new HostCallTarget(),
        new WSManResponseTarget(),
        new WSManEncryptedTarget(),
        new HyperVHandshakeTarget(),
        new TraceTarget(),
        new TraceBlobTarget(),
    ];

    /// <summary>The target called <paramref name="name"/>, or null.</summary>
    public static IFuzzTarget? Find(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}
