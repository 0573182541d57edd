using System.Text;

namespace Psrp.Cli.Cli;

/// <summary>
/// Parses the values of <c>-Options</c> and <c>-SessionOption</c>: each occurrence is either one
/// <c>key=value</c> pair or a PowerShell-hashtable-like <c>@{Port=22; User='a'}</c> (entries separated by
/// <c>;</c> or newlines, values optionally quoted, <c>$true</c>/<c>$false</c> as <c>True</c>/<c>False</c>).
/// Keys are case-insensitive; a later key replaces an earlier one.
/// </summary>
internal static class HashtableText
{
    /// <summary>Parses every occurrence into one dictionary; throws <see cref="UsageException"/> naming <paramref name="parameter"/>.</summary>
    public static IReadOnlyDictionary<string, string>? Parse(IEnumerable<string>? values, string parameter)
    {
        if (values is null)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var any = false;
        foreach (var value in values)
        {
            any = true;
            var text = value.Trim();
            if (text.StartsWith("@{", StringComparison.Ordinal))
            {
                if (!text.EndsWith('}'))
                {
                    throw new UsageException($"-{parameter} '{value}': a hashtable must end with '}}'.");
                }

                foreach (var entry in SplitEntries(text[2..^1], parameter))
                {
                    Add(result, entry, parameter);
                }
            }
            else
            {
                Add(result, text, parameter);
            }
        }

        return any ? result : null;
    }

    private static void Add(Dictionary<string, string> result, string entry, string parameter)
    {
        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new UsageException($"-{parameter} takes key=value or @{{key=value; ...}}; '{entry}' has no key=value.");
        }

        var key = Unquote(entry[..equals].Trim());
        if (key.Length == 0)
        {
            throw new UsageException($"-{parameter} '{entry}' has an empty key.");
        }

        result[key] = Unquote(entry[(equals + 1)..].Trim()) switch
        {
            "$true" or "$True" or "$TRUE" => "True",
            "$false" or "$False" or "$FALSE" => "False",
            var v => v,
        };
    }

    private static IEnumerable<string> SplitEntries(string body, string parameter)
    {
        var entry = new StringBuilder();
        char? quote = null;
        foreach (var c in body)
        {
            if (quote is not null)
            {
                entry.Append(c);
                if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                entry.Append(c);
            }
            else if (c is ';' or '\n' or '\r')
            {
                if (entry.ToString().Trim() is { Length: > 0 } done)
                {
                    yield return done;
                }

                entry.Clear();
            }
            else
            {
                entry.Append(c);
            }
        }

        if (quote is not null)
        {
            throw new UsageException($"-{parameter}: unclosed quote in the hashtable.");
        }

        if (entry.ToString().Trim() is { Length: > 0 } last)
        {
            yield return last;
        }
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && (text[0] == '\'' || text[0] == '"') && text[^1] == text[0] ? text[1..^1] : text;
}
