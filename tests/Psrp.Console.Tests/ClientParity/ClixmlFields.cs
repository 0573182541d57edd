using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Psrp.Cli.Tests.ClientParity;

/// <summary>
/// A CLIXML document flattened to <c>path = value</c> lines, so two documents can be compared field
/// by field: ref ids dropped, type-name references resolved, list items by index. Assembly versions
/// inside type names are dropped: PowerShell 7.6 writes its own (7.6.0.500), Windows PowerShell and
/// psrp 1.0.0.0, and no server reads them.
/// </summary>
internal static partial class ClixmlFields
{
    [GeneratedRegex(@"Version=[0-9.]+, ")]
    private static partial Regex AssemblyVersion();

    public static SortedDictionary<string, string> Flatten(string clixml)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var typeNames = new Dictionary<string, string>();
        var root = XElement.Parse(clixml);
        Walk(root, string.Empty, fields, typeNames);
        return fields;
    }

    private static void Walk(XElement element, string path, SortedDictionary<string, string> fields, Dictionary<string, string> typeNames)
    {
        switch (element.Name.LocalName)
        {
            case "Obj":
                var index = 0;
                foreach (var child in element.Elements())
                {
                    switch (child.Name.LocalName)
                    {
                        case "TN":
                            var first = AssemblyVersion().Replace(child.Elements().First().Value, string.Empty);
                            typeNames[child.Attribute("RefId")!.Value] = first;
                            fields[path + "@type"] = first;
                            break;
                        case "TNRef":
                            fields[path + "@type"] = typeNames[child.Attribute("RefId")!.Value];
                            break;
                        case "ToString":
                            fields[path + "@ToString"] = child.Value;
                            break;
                        case "MS" or "Props":
                            foreach (var member in child.Elements())
                            {
                                Walk(member, $"{path}/{member.Attribute("N")?.Value}", fields, typeNames);
                            }

                            break;
                        case "LST" or "IE" or "QUE" or "STK":
                            var item = 0;
                            foreach (var member in child.Elements())
                            {
                                Walk(member, $"{path}[{item++}]", fields, typeNames);
                            }

                            fields[path + "@count"] = item.ToString(System.Globalization.CultureInfo.InvariantCulture);
                            break;
                        default:
                            Walk(child, $"{path}#{index++}", fields, typeNames);
                            break;
                    }
                }

                break;
            default:
                fields[path] = $"{element.Name.LocalName}:{element.Value}";
                break;
        }
    }

    /// <summary>The lines that differ, as <c>path: ours | theirs</c>.</summary>
    public static IReadOnlyList<string> Diff(IReadOnlyDictionary<string, string> ours, IReadOnlyDictionary<string, string> theirs) =>
        ours.Keys.Union(theirs.Keys).Order(StringComparer.Ordinal)
            .Where(k => ours.GetValueOrDefault(k) != theirs.GetValueOrDefault(k))
            .Select(k => $"{k}: psrp={ours.GetValueOrDefault(k) ?? "(absent)"} | PowerShell={theirs.GetValueOrDefault(k) ?? "(absent)"}")
            .ToArray();
}
