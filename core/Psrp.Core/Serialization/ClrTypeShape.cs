using System.Collections;
using System.Collections.Concurrent;

namespace Psrp.Serialization;

/// <summary>
/// How PowerShell's serializer presents a plain .NET type: its type-name list (the type and its
/// base types by full name, the way <c>PSObject.TypeNames</c> starts out) and, for collections,
/// which container element holds the items. Computed once per type, because the writer asks
/// for every enum and collection it meets and reflection is not free.
/// </summary>
internal sealed class ClrTypeShape
{
    private static readonly ConcurrentDictionary<Type, ClrTypeShape> Cache = new();

    private ClrTypeShape(PsTypeNames typeNames, PsCollectionKind? listKind, bool isDictionary)
    {
        TypeNames = typeNames;
        ListKind = listKind;
        IsDictionary = isDictionary;
    }

    /// <summary>Most derived first, ending with <c>System.Object</c>.</summary>
    public PsTypeNames TypeNames { get; }

    /// <summary>The container for an enumerable that is not a dictionary; null otherwise.</summary>
    public PsCollectionKind? ListKind { get; }

    /// <summary>True for <see cref="IDictionary"/> implementations (written as <c>DCT</c>).</summary>
    public bool IsDictionary { get; }

    public static ClrTypeShape For(Type type) => Cache.GetOrAdd(type, static t => Create(t));

    private static ClrTypeShape Create(Type type)
    {
        var names = new List<string>(4);
        for (var t = type; t is not null; t = t.BaseType)
        {
            names.Add(t.FullName ?? t.Name);
        }

        var typeNames = new PsTypeNames(names.ToArray());
        if (typeof(IDictionary).IsAssignableFrom(type))
        {
            return new ClrTypeShape(typeNames, null, isDictionary: true);
        }

        // The order follows PowerShell's serializer: stacks and queues before lists, and only
        // then any other enumerable, which travels as IE.
        PsCollectionKind? kind =
            typeof(Stack).IsAssignableFrom(type) || DerivesFromGeneric(type, typeof(Stack<>)) ? PsCollectionKind.Stack
            : typeof(Queue).IsAssignableFrom(type) || DerivesFromGeneric(type, typeof(Queue<>)) ? PsCollectionKind.Queue
            : typeof(IList).IsAssignableFrom(type) || DerivesFromGeneric(type, typeof(List<>)) ? PsCollectionKind.List
            : typeof(IEnumerable).IsAssignableFrom(type) ? PsCollectionKind.Enumerable
            : null;
        return new ClrTypeShape(typeNames, kind, isDictionary: false);
    }

    private static bool DerivesFromGeneric(Type type, Type genericDefinition)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == genericDefinition)
            {
                return true;
            }
        }

        return false;
    }
}
