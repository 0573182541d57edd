using System.Text;
using Psrp.Host;

namespace Psrp.Cli.Host;

/// <summary>
/// The choices of a PromptForChoice call with their hot keys (the letter after <c>&amp;</c> in the
/// label, else the label itself), rendered as PowerShell's console host renders them.
/// </summary>
internal sealed class ChoiceMenu
{
    private ChoiceMenu(IReadOnlyList<(string HotKey, string Label, string Help)> entries)
    {
        Entries = entries;
    }

    public IReadOnlyList<(string HotKey, string Label, string Help)> Entries { get; }

    public static ChoiceMenu Create(IReadOnlyList<HostChoiceDescription> choices)
    {
        var entries = choices.Select(c =>
        {
            var amp = c.Label.IndexOf('&', StringComparison.Ordinal);
            var label = c.Label.Replace("&", string.Empty, StringComparison.Ordinal);
            var hotKey = amp >= 0 && amp + 1 < c.Label.Length ? char.ToUpperInvariant(c.Label[amp + 1]).ToString() : label;
            return (hotKey, label, c.HelpMessage);
        }).ToArray();
        return new ChoiceMenu(entries);
    }

    /// <summary><c>[Y] Yes  [N] No  [?] Help (default is "Y"): </c></summary>
    public string Line(IReadOnlyList<int> defaults)
    {
        var line = new StringBuilder();
        foreach (var (hotKey, label, _) in Entries)
        {
            line.Append('[').Append(hotKey).Append("] ").Append(label).Append("  ");
        }

        line.Append("[?] Help");
        var names = defaults.Where(d => d >= 0 && d < Entries.Count).Select(d => $"\"{Entries[d].HotKey}\"").ToArray();
        if (names.Length > 0)
        {
            line.Append(" (default is ").Append(string.Join(',', names)).Append(')');
        }

        return line.Append(": ").ToString();
    }

    /// <summary>The index of the choice whose hot key or label is <paramref name="answer"/> (case-insensitive), or null.</summary>
    public int? Find(string answer)
    {
        for (var i = 0; i < Entries.Count; i++)
        {
            if (Entries[i].HotKey.Equals(answer, StringComparison.OrdinalIgnoreCase) || Entries[i].Label.Equals(answer, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return null;
    }
}
