using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Xml;
using Psrp.Serialization;

namespace Psrp.Tests.Serialization.Support;

/// <summary>
/// Compares a value in our model (what <see cref="ClixmlReader"/> returns, or what we hand
/// <see cref="ClixmlWriter"/>) with a PowerShell value: either what <c>PSSerializer.Deserialize</c>
/// produced or an original .NET value. Primitives must match exactly (NaN is NaN, -0 keeps its
/// sign, DateTime ticks and kind, decimal scale); lists by items in order; dictionaries by
/// entries; objects by type names (a <c>Deserialized.</c> prefix on either side is ignored),
/// ToString text, base value and every property we hold. Shared and cyclic references must map
/// to shared and cyclic references on the other side.
/// </summary>
internal sealed class ModelComparer
{
    private const string DeserializedPrefix = "Deserialized.";
    private const int MaxDifferences = 25;

    private readonly List<string> _differences = [];
    private readonly Dictionary<object, object?> _oursToTheirs = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, object> _theirsToOurs = new(ReferenceEqualityComparer.Instance);

    /// <summary>Every difference found, each with the path where it is; empty when equivalent.</summary>
    public static IReadOnlyList<string> Compare(object? ours, object? theirs)
    {
        var comparer = new ModelComparer();
        comparer.CompareValue(ours, theirs, "$");
        return comparer._differences;
    }

    /// <summary>Fails the test with the list of differences, if any.</summary>
    public static void AssertEquivalent(object? ours, object? theirs, string because = "")
    {
        var differences = Compare(ours, theirs);
        Assert.True(differences.Count == 0, $"{because}\n" + string.Join("\n", differences));
    }

    private void Differ(string path, string what)
    {
        if (_differences.Count < MaxDifferences)
        {
            _differences.Add($"{path}: {what}");
        }
    }

    private static object? Unwrap(object? value) => value is PSObject p ? p.BaseObject : value;

    private void CompareValue(object? ours, object? theirs, string path)
    {
        if (_differences.Count >= MaxDifferences)
        {
            return;
        }

        if (ours is PsObject or PsList or PsDictionary)
        {
            if (_oursToTheirs.TryGetValue(ours, out var mapped))
            {
                if (!SameIdentity(mapped, theirs))
                {
                    Differ(path, "a shared or cyclic reference on our side is a different object on PowerShell's side");
                }

                return;
            }

            _oursToTheirs[ours] = theirs;
            if (ours is PsObject && IdentityOf(theirs) is { } identity)
            {
                if (_theirsToOurs.TryGetValue(identity, out var ourEarlier) && !ReferenceEquals(ourEarlier, ours))
                {
                    Differ(path, "PowerShell shares this object with an earlier position; ours are two objects");
                }

                _theirsToOurs[identity] = ours;
            }
        }

        switch (ours)
        {
            case null:
                if (Unwrap(theirs) is { } notNull)
                {
                    Differ(path, $"ours is null, PowerShell's is {Describe(notNull)}");
                }

                return;
            case PsObject obj:
                CompareObject(obj, theirs, path);
                return;
            case PsList list:
                CompareItems(list, Unwrap(theirs), path);
                return;
            case PsDictionary dictionary:
                CompareEntries(dictionary, Unwrap(theirs), path);
                return;
            default:
                ComparePrimitive(ours, Unwrap(theirs), path);
                return;
        }
    }

    /// <summary>The object whose identity PowerShell would share: a PSObject, or a collection.</summary>
    private static object? IdentityOf(object? theirs) => theirs switch
    {
        PSObject p => p,
        IEnumerable and not string and not byte[] => theirs,
        _ => null,
    };

    private static bool SameIdentity(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        // PSCustomObject is one shared instance under every custom object, so it proves nothing.
        var baseA = Unwrap(a);
        return baseA is not (null or PSCustomObject or ValueType or string) && ReferenceEquals(baseA, Unwrap(b));
    }

    private void CompareObject(PsObject ours, object? theirs, string path)
    {
        if (theirs is null)
        {
            Differ(path, "ours is an object, PowerShell's is null");
            return;
        }

        var theirObject = theirs as PSObject ?? PSObject.AsPSObject(theirs);
        if (ours.TypeNames.Count > 0)
        {
            var ourNames = string.Join(", ", ours.TypeNames.Select(StripPrefix));
            var theirNames = string.Join(", ", theirObject.TypeNames.Select(StripPrefix));
            if (ourNames != theirNames)
            {
                Differ(path, $"type names: ours [{ourNames}], PowerShell's [{theirNames}]");
            }
        }

        if (ours.ToStringValue is { } text)
        {
            var theirText = SafeToString(theirs);
            if (theirText != text)
            {
                Differ(path, $"ToString: ours '{Shorten(text)}', PowerShell's '{Shorten(theirText)}'");
            }
        }

        var theirBase = Unwrap(theirs);
        switch (ours.BaseValue)
        {
            case null:
                if (theirBase is string or ValueType or IEnumerable)
                {
                    Differ(path, $"ours has no base value, PowerShell's is {Describe(theirBase)}");
                }

                break;
            case PsObject nested:
                // PowerShell folds a nested Obj into the outer one; nothing separate to compare.
                _ = nested;
                break;
            default:
                CompareValue(ours.BaseValue, theirBase is Enum e ? UnderlyingValue(e) : theirBase, path + ".<base>");
                break;
        }

        CompareProperties(ours, theirObject, path);
    }

    private void CompareProperties(PsObject ours, PSObject theirs, string path)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in (ours.ExtendedOrNull ?? []).Concat(ours.AdaptedOrNull ?? []))
        {
            if (!names.Add(property.Name))
            {
                continue;
            }

            var theirProperty = theirs.Properties[property.Name];
            if (theirProperty is null)
            {
                Differ(path, $"PowerShell's object has no property '{property.Name}'");
                continue;
            }

            // FindProperty resolves duplicates and extended-over-adapted the way PowerShell does.
            CompareValue(ours.FindProperty(property.Name)!.Value.Value, SafeValue(theirProperty), $"{path}.{property.Name}");
        }

        foreach (var theirProperty in theirs.Properties)
        {
            if (theirProperty.MemberType == PSMemberTypes.NoteProperty && !names.Contains(theirProperty.Name))
            {
                Differ(path, $"PowerShell's object has a note property '{theirProperty.Name}' that ours lacks");
            }
        }
    }

    private void CompareItems(PsList ours, object? theirs, string path)
    {
        if (theirs is not IEnumerable enumerable || theirs is string or IDictionary)
        {
            Differ(path, $"ours is a list, PowerShell's is {Describe(theirs)}");
            return;
        }

        if ((theirs is Stack && ours.Kind != PsCollectionKind.Stack) || (theirs is Queue && ours.Kind != PsCollectionKind.Queue))
        {
            Differ(path, $"ours is a {ours.Kind} list, PowerShell's is a {theirs.GetType().Name}");
        }

        var items = enumerable.Cast<object?>().ToList();
        if (items.Count != ours.Count)
        {
            Differ(path, $"ours has {ours.Count} items, PowerShell's has {items.Count}");
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            CompareValue(ours[i], items[i], $"{path}[{i}]");
        }
    }

    private void CompareEntries(PsDictionary ours, object? theirs, string path)
    {
        if (theirs is not IDictionary dictionary)
        {
            Differ(path, $"ours is a dictionary, PowerShell's is {Describe(theirs)}");
            return;
        }

        if (dictionary.Count != ours.Count)
        {
            Differ(path, $"ours has {ours.Count} entries, PowerShell's has {dictionary.Count}");
            return;
        }

        foreach (var (key, value) in ours)
        {
            var keyPath = $"{path}[{Shorten(Convert.ToString(key, CultureInfo.InvariantCulture) ?? "null")}]";
            if (key is not PsObject && key is not null && dictionary.Contains(key))
            {
                CompareValue(value, dictionary[key], keyPath);
                continue;
            }

            // A key that is itself an object: find the entry whose key compares equal.
            object? match = null;
            var found = false;
            foreach (DictionaryEntry entry in dictionary)
            {
                if (Compare(key, entry.Key).Count == 0)
                {
                    match = entry.Value;
                    found = true;
                    break;
                }
            }

            if (found)
            {
                CompareValue(value, match, keyPath);
            }
            else
            {
                Differ(keyPath, "PowerShell's dictionary has no such key");
            }
        }
    }

    private void ComparePrimitive(object ours, object? theirs, string path)
    {
        if (theirs is Enum e)
        {
            theirs = UnderlyingValue(e);
        }

        var equal = (ours, theirs) switch
        {
            (_, null) => false,
            (double a, double b) => a.Equals(b) && BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b) || (double.IsNaN(a) && double.IsNaN(b)),
            (float a, float b) => a.Equals(b) && BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b) || (float.IsNaN(a) && float.IsNaN(b)),
            (decimal a, decimal b) => decimal.GetBits(a).SequenceEqual(decimal.GetBits(b)),
            (DateTime a, DateTime b) => a.Ticks == b.Ticks && a.Kind == b.Kind,
            (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
            (Uri a, Uri b) => a.ToString() == b.ToString() && a.IsAbsoluteUri == b.IsAbsoluteUri,
            (PsScriptBlock a, string b) => a.Text == b,
            (PsScriptBlock a, ScriptBlock b) => a.Text == b.ToString(),
            (PsXmlDocument a, XmlDocument b) => a.OuterXml == b.OuterXml,
            (PsXmlDocument a, string b) => a.OuterXml == b,
            (PsProgressRecord a, ProgressRecord b) =>
                a.Activity == b.Activity && a.ActivityId == b.ActivityId && a.CurrentOperation == b.CurrentOperation &&
                a.ParentActivityId == b.ParentActivityId && a.PercentComplete == b.PercentComplete &&
                a.RecordType == b.RecordType.ToString() && a.SecondsRemaining == b.SecondsRemaining &&
                a.StatusDescription == b.StatusDescription,
            (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
            _ => ours.GetType() == theirs.GetType() && ours.Equals(theirs),
        };
        if (!equal)
        {
            Differ(path, $"ours is {Describe(ours)}, PowerShell's is {Describe(theirs)}");
        }
    }

    private static object UnderlyingValue(Enum e) =>
        Convert.ChangeType(e, Enum.GetUnderlyingType(e.GetType()), CultureInfo.InvariantCulture);

    private static string StripPrefix(string name) =>
        name.StartsWith(DeserializedPrefix, StringComparison.Ordinal) ? name[DeserializedPrefix.Length..] : name;

    private static object? SafeValue(PSPropertyInfo property)
    {
        try
        {
            return property.Value;
        }
        catch (Exception ex) when (ex is GetValueException or ExtendedTypeSystemException)
        {
            return $"<getter threw {ex.GetType().Name}>";
        }
    }

    private static string? SafeToString(object value)
    {
        try
        {
            return value.ToString();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return $"<ToString threw {ex.GetType().Name}>";
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"string '{Shorten(s)}' ({s.Length} chars)",
        DateTime dt => $"DateTime {dt.Ticks} {dt.Kind}",
        double d => $"double {d.ToString("R", CultureInfo.InvariantCulture)} (bits {BitConverter.DoubleToInt64Bits(d):X})",
        float f => $"float {f.ToString("R", CultureInfo.InvariantCulture)}",
        _ => $"{value.GetType().Name} '{Shorten(SafeToString(value) ?? "null")}'",
    };

    private static string Shorten(string? text)
    {
        if (text is null)
        {
            return "null";
        }

        var escaped = string.Concat(text.Take(80).Select(c => c < 0x20 || c >= 0x7F ? $"\\u{(int)c:X4}" : c.ToString()));
        return text.Length > 80 ? escaped + "…" : escaped;
    }
}
