namespace Psrp.Providers.Ssh.KnownHosts;

/// <summary>One key line of a known_hosts file.</summary>
/// <param name="Marker">The line's marker, if any.</param>
/// <param name="Hosts">The host patterns, comma-separated, or one hashed name (<c>|1|salt|hash</c>).</param>
/// <param name="KeyType">The key type as written (e.g. <c>ssh-ed25519</c>, <c>ssh-rsa</c>).</param>
/// <param name="Key">The public key blob (the base64 field decoded).</param>
/// <param name="File">The file it came from.</param>
/// <param name="Line">Its 1-based line number.</param>
public sealed record KnownHostEntry(KnownHostMarker Marker, string Hosts, string KeyType, byte[] Key, string File, int Line)
{
    /// <summary>Where the entry is, as <c>file:line</c> (what OpenSSH's messages show).</summary>
    public string Location => $"{File}:{Line}";

    /// <summary>True when <paramref name="hostName"/> (<c>host</c> or <c>[host]:port</c>) matches the entry's host field.</summary>
    public bool Matches(string hostName) => HostPattern.MatchesHostField(Hosts, hostName);

    /// <summary>True when the entry holds exactly <paramref name="key"/>.</summary>
    public bool HasKey(ReadOnlySpan<byte> key) => key.SequenceEqual(Key);
}
