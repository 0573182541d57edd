using System.Security.Cryptography;
using System.Text;

namespace Psrp.Providers.Ssh.KnownHosts;

/// <summary>
/// The host field of a known_hosts line, matched the way OpenSSH's <c>match_hostname</c> does:
/// comma-separated patterns with <c>*</c> and <c>?</c>, a leading <c>!</c> negates (a negated match
/// rejects the line whatever else matches), case-insensitive; or one hashed name
/// <c>|1|base64(salt)|base64(HMAC-SHA1(salt, name))</c> (<c>HashKnownHosts yes</c>).
/// </summary>
public static class HostPattern
{
    private const string HashMagic = "|1|";

    /// <summary>True when <paramref name="hostName"/> matches <paramref name="field"/>.</summary>
    public static bool MatchesHostField(string field, string hostName)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(hostName);
        if (field.StartsWith(HashMagic, StringComparison.Ordinal))
        {
            return MatchesHashed(field, hostName);
        }

        var name = hostName.ToLowerInvariant();
        var matched = false;
        foreach (var raw in field.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var negated = raw.StartsWith('!');
            var pattern = (negated ? raw[1..] : raw).ToLowerInvariant();
            if (Wildcard(pattern, name))
            {
                if (negated)
                {
                    return false;
                }

                matched = true;
            }
        }

        return matched;
    }

    /// <summary>Hashes <paramref name="hostName"/> with a fresh random salt, in known_hosts' <c>|1|salt|hash</c> form.</summary>
    public static string Hash(string hostName)
    {
        var salt = RandomNumberGenerator.GetBytes(20);
        return Hash(hostName, salt);
    }

    /// <summary>Hashes <paramref name="hostName"/> with <paramref name="salt"/> (for tests and matching).</summary>
    public static string Hash(string hostName, byte[] salt)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        ArgumentNullException.ThrowIfNull(salt);
        var hash = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(hostName));
        return $"{HashMagic}{Convert.ToBase64String(salt)}|{Convert.ToBase64String(hash)}";
    }

    private static bool MatchesHashed(string field, string hostName)
    {
        var parts = field[HashMagic.Length..].Split('|');
        if (parts.Length != 2)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[0]);
            var expected = Convert.FromBase64String(parts[1]);

            // OpenSSH hashes the name as written to the file, lower-cased.
            var actual = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(hostName.ToLowerInvariant()));
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Glob match with <c>*</c> (any run) and <c>?</c> (one character), iterative with backtracking to the last star.</summary>
    private static bool Wildcard(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
