using System.Globalization;
using System.Text;
using Psrp.Serialization;

namespace Psrp.Cli.Formatting;

/// <summary>The text PowerShell shows for one value inside a table cell or a list entry.</summary>
internal static class ValueText
{
    private const int MaxCollectionItems = 4;

    /// <summary>A one-line rendering: primitives as text, collections as <c>{a, b, c, d…}</c>, objects by their ToString.</summary>
    public static string Of(object? value) => Of(value, 0);

    // Collections nest in a cell only this deep: PowerShell sends self-containing arrays, and an
    // unbounded rendering of one recursed until the stack overflowed.
    private const int MaxCollectionNesting = 4;

    private static string Of(object? value, int nesting) => value switch
    {
        null => string.Empty,
        string s => s,
        PsObject { BaseValue: PsList } or PsList or PsDictionary or byte[] when nesting >= MaxCollectionNesting => "{…}",
        PsObject { BaseValue: PsList list } => Collection(list, nesting),
        PsObject obj => obj.ToString(),
        PsList list => Collection(list, nesting),
        PsDictionary dictionary => Collection(dictionary.Select(e => (object?)e.Key), nesting),
        bool b => b ? "True" : "False",
        DateTime d => d.ToString(CultureInfo.CurrentCulture),
        byte[] bytes => Collection(bytes.Select(b => (object?)b), nesting),
        IFormattable formattable => formattable.ToString(null, CultureInfo.CurrentCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>True for values PowerShell right-aligns in tables (numbers, but not enums, which show their name).</summary>
    public static bool IsNumeric(object? value) =>
        (value is PsObject { BaseValue: var inner, ToStringValue: null } and not { BaseValue: PsList or PsDictionary } ? inner : value) is
        byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal;

    private static string Collection(IEnumerable<object?> items, int nesting)
    {
        var text = new StringBuilder("{");
        var count = 0;
        foreach (var item in items)
        {
            if (count == MaxCollectionItems)
            {
                text.Append('…');
                break;
            }

            if (count > 0)
            {
                text.Append(", ");
            }

            text.Append(Of(item, nesting + 1));
            count++;
        }

        return text.Append('}').ToString();
    }
}
