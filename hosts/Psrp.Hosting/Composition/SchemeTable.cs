namespace Psrp.Hosting.Composition;

/// <summary>
/// Decides which provider serves each scheme. Claimants are ranked: providers that run on this
/// system before those that do not, then catalog order (built-in before plugins; plugins by
/// folder order, then file name). The first serves the scheme; every other claim is reported.
/// </summary>
internal static class SchemeTable
{
    public static (Dictionary<string, LoadedProvider> Owners, IReadOnlyList<SchemeConflict> Conflicts) Build(IReadOnlyList<LoadedProvider> providers)
    {
        var claims = new Dictionary<string, List<LoadedProvider>>(StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            foreach (var scheme in provider.Info.Schemes)
            {
                if (!claims.TryGetValue(scheme, out var list))
                {
                    claims[scheme] = list = [];
                }

                list.Add(provider);
            }
        }

        var owners = new Dictionary<string, LoadedProvider>(StringComparer.Ordinal);
        var conflicts = new List<SchemeConflict>();
        foreach (var (scheme, claimants) in claims.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            // OrderBy is stable, so catalog order holds within each group.
            var ranked = claimants.OrderBy(p => p.Info.SupportedOnThisSystem ? 0 : 1).ToArray();
            owners[scheme] = ranked[0];
            if (ranked.Length > 1)
            {
                conflicts.Add(new SchemeConflict(scheme, ranked[0].Info.Name, ranked.Skip(1).Select(p => p.Info.Name).ToArray()));
            }
        }

        return (owners, conflicts);
    }
}
