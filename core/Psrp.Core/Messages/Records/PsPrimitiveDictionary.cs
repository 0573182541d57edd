using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>
/// PowerShell's PSPrimitiveDictionary on the wire: a hashtable typed
/// <c>System.Management.Automation.PSPrimitiveDictionary</c> (ApplicationArguments, ApplicationPrivateData).
/// </summary>
public static class PsPrimitiveDictionary
{
    /// <summary>The type names PowerShell writes for it.</summary>
    public static PsTypeNames TypeNames { get; } = new(
        "System.Management.Automation.PSPrimitiveDictionary", "System.Collections.Hashtable", "System.Object");

    /// <summary>Wraps entries as a PSPrimitiveDictionary object; nested <see cref="PsDictionary"/> values are wrapped too.</summary>
    /// <exception cref="ArgumentException">A dictionary holds itself, directly or through nested ones.</exception>
    public static PsObject ToPsObject(PsDictionary entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return Wrap(entries, [], "entries");
    }

    // copying: the dictionaries being copied around this one; a nested copy of one of them would never end.
    private static PsObject Wrap(PsDictionary entries, List<PsDictionary> copying, string where)
    {
        if (copying.Contains(entries))
        {
            throw new ArgumentException($"The dictionary at {where} holds itself; a PSPrimitiveDictionary cannot contain a reference cycle.", nameof(entries));
        }

        copying.Add(entries);
        var copy = new PsDictionary();
        foreach (var (key, value) in entries)
        {
            copy.Add(key, value is PsDictionary nested ? Wrap(nested, copying, $"{where}[{key}]") : value);
        }

        copying.RemoveAt(copying.Count - 1);
        return new PsObject(TypeNames) { BaseValue = copy };
    }

    /// <summary>The entries of a received PSPrimitiveDictionary (or any hashtable-shaped object).</summary>
    public static PsDictionary? FromValue(object? value) => value switch
    {
        null => null,
        PsObject { BaseValue: PsDictionary d } => d,
        PsDictionary d => d,
        _ => throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, "Expected a PSPrimitiveDictionary."),
    };
}
