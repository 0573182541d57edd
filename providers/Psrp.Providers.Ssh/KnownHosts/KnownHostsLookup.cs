namespace Psrp.Providers.Ssh.KnownHosts;

/// <summary>The verdict of the known_hosts files on one host key, with the lines that decided it.</summary>
/// <param name="Status">The verdict.</param>
/// <param name="Entries">The deciding lines: the matching one (Known, Revoked) or the conflicting ones (Changed).</param>
public sealed record KnownHostsLookup(HostKeyStatus Status, IReadOnlyList<KnownHostEntry> Entries)
{
    /// <summary>
    /// Looks up <paramref name="key"/> for <paramref name="hostName"/> (<c>host</c> or <c>[host]:port</c>)
    /// in <paramref name="entries"/>, the way OpenSSH's <c>check_key_in_hostkeys</c> does: revoked
    /// wins, then an exact match, then a different key of the same type means changed.
    /// <c>@cert-authority</c> lines are ignored (host certificates are not supported).
    /// </summary>
    public static KnownHostsLookup Find(IEnumerable<KnownHostEntry> entries, string hostName, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(key);
        var keyType = SshKeyBlob.KeyType(key);
        KnownHostEntry? match = null;
        var conflicts = new List<KnownHostEntry>();
        foreach (var entry in entries)
        {
            if (entry.Marker == KnownHostMarker.Revoked)
            {
                // A revoked key is refused for every host, whatever its host field says.
                if (entry.HasKey(key))
                {
                    return new KnownHostsLookup(HostKeyStatus.Revoked, [entry]);
                }

                continue;
            }

            if (entry.Marker != KnownHostMarker.None || !entry.Matches(hostName))
            {
                continue;
            }

            if (entry.HasKey(key))
            {
                match ??= entry;
            }
            else if (entry.KeyType == keyType)
            {
                conflicts.Add(entry);
            }
        }

        if (match is not null)
        {
            return new KnownHostsLookup(HostKeyStatus.Known, [match]);
        }

        return conflicts.Count > 0
            ? new KnownHostsLookup(HostKeyStatus.Changed, conflicts)
            : new KnownHostsLookup(HostKeyStatus.Unknown, []);
    }

    /// <summary>The key types the entries hold for <paramref name="hostName"/> (to prefer those host-key algorithms).</summary>
    public static IReadOnlyList<string> KnownKeyTypes(IEnumerable<KnownHostEntry> entries, string hostName) =>
        entries.Where(e => e.Marker == KnownHostMarker.None && e.Matches(hostName)).Select(e => e.KeyType).Distinct(StringComparer.Ordinal).ToArray();
}
