namespace Psrp.Cli.Cli;

/// <summary>
/// Rewrites PowerShell-style arguments into the canonical <c>--kebab-case</c> options System.CommandLine
/// parses. <c>-HostName</c>, <c>-hostname</c>, <c>--HostName</c>, <c>--host-name</c> and the aliases
/// (<c>-Cn</c>, <c>-URI</c>, <c>-IdentityFilePath</c>, …) all become <c>--host-name</c> etc., and
/// PowerShell's <c>-Name:value</c> form is split. Only whole tokens that name a known parameter are
/// touched, and never a token that is the value of the previous option, so script text passes unchanged.
/// </summary>
internal static class ArgumentNormalizer
{
    private static readonly Dictionary<string, ParameterName> ByKey = BuildIndex();

    /// <summary>Normalises <paramref name="args"/>; the first token (the command name) is lower-cased.</summary>
    public static string[] Normalize(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new List<string>(args.Count);
        var valueExpected = false;
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (valueExpected)
            {
                result.Add(token);
                valueExpected = false;
                continue;
            }

            if (token == "--")
            {
                result.AddRange(args.Skip(i));
                break;
            }

            if (i == 0 && !token.StartsWith('-'))
            {
                // Subcommands are case-insensitive too (`psrp Enter`).
                result.Add(token.ToLowerInvariant());
                continue;
            }

            if (!TryMatch(token, out var parameter, out var inlineValue))
            {
                result.Add(token);
                continue;
            }

            if (inlineValue is null)
            {
                result.Add(parameter.Option);
                valueExpected = parameter.TakesValue;
            }
            else if (parameter.TakesValue)
            {
                result.Add(parameter.Option);
                result.Add(inlineValue);
            }
            else
            {
                // A switch given a value, PowerShell style: -UseSSL:$false.
                result.Add($"{parameter.Option}:{SwitchValue(inlineValue)}");
            }
        }

        return [.. result];
    }

    private static bool TryMatch(string token, out ParameterName parameter, out string? inlineValue)
    {
        parameter = null!;
        inlineValue = null;
        if (token.Length < 2 || token[0] != '-')
        {
            return false;
        }

        var body = token.TrimStart('-');
        var separator = body.IndexOfAny([':', '=']);
        var name = separator < 0 ? body : body[..separator];
        if (!ByKey.TryGetValue(Key(name), out var found))
        {
            return false;
        }

        parameter = found;
        inlineValue = separator < 0 ? null : body[(separator + 1)..];
        return true;
    }

    private static string SwitchValue(string value) => value.TrimStart('$').ToLowerInvariant() switch
    {
        "true" or "1" => "true",
        "false" or "0" => "false",
        var other => other,
    };

    /// <summary>The lookup key: no dashes, lower case, so PascalCase and kebab-case meet.</summary>
    private static string Key(string name) => name.Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    private static Dictionary<string, ParameterName> BuildIndex()
    {
        var index = new Dictionary<string, ParameterName>(StringComparer.Ordinal);
        foreach (var parameter in ParameterCatalog.All)
        {
            index[Key(parameter.PowerShellName)] = parameter;
            index[Key(parameter.Option)] = parameter;
            foreach (var alias in parameter.Aliases)
            {
                index[Key(alias)] = parameter;
            }
        }

        return index;
    }
}
