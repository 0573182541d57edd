using System.Globalization;

namespace Psrp.Transport;

/// <summary>
/// Where a session goes, as a URI-like target: <c>ssh://user@host:22</c>,
/// <c>http://host:5985/wsman</c>, <c>https://host:5986/wsman</c>, <c>vm://&lt;guid-or-name&gt;</c>,
/// <c>container://&lt;id-or-name&gt;</c>, <c>process:</c> or <c>process:///path/to/pwsh</c>. Third-party
/// schemes parse the same way (<c>scheme://[user@]host[:port][/path]</c> or <c>scheme:opaque</c>).
/// </summary>
public sealed record TransportTarget
{
    /// <summary>The scheme, lower case (selects the provider).</summary>
    public required string Scheme { get; init; }

    /// <summary>Host name or address (IPv6 without brackets), VM id or name, container id or name; null for <c>process:</c>.</summary>
    public string? Host { get; init; }

    /// <summary>The port, when given.</summary>
    public int? Port { get; init; }

    /// <summary>The user name, when given (may be <c>DOMAIN\user</c>).</summary>
    public string? UserName { get; init; }

    /// <summary>The path (e.g. <c>/wsman</c>, or the server executable of <c>process:</c>), when given.</summary>
    public string? Path { get; init; }

    /// <summary>The local session through the embedded default.</summary>
    public static TransportTarget LocalProcess { get; } = new() { Scheme = "process" };

    /// <summary>What a prompt shows: the host, or <c>localhost</c> for a local process.</summary>
    public string DisplayName => Host ?? (Scheme == "process" ? "localhost" : Scheme);

    /// <summary>Parses a target; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static TransportTarget Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !IsScheme(text.AsSpan(0, colon)))
        {
            throw new FormatException($"'{text}' is not a target: expected scheme:… such as ssh://user@host, https://host:5986/wsman, vm://name, container://id or process:.");
        }

        var scheme = text[..colon].ToLowerInvariant();
        var rest = text[(colon + 1)..];
        if (!rest.StartsWith("//", StringComparison.Ordinal))
        {
            return new TransportTarget { Scheme = scheme, Path = rest.Length == 0 ? null : Uri.UnescapeDataString(rest) };
        }

        rest = rest[2..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? null : Uri.UnescapeDataString(rest[slash..]);
        if (authority.Length == 0)
        {
            return new TransportTarget { Scheme = scheme, Path = path };
        }

        var (user, host, port) = ParseAuthority(Uri.UnescapeDataString(authority), text);
        return new TransportTarget { Scheme = scheme, UserName = user, Host = host, Port = port, Path = path };
    }

    /// <summary>Parses <c>-HostName</c>'s <c>[user@]host[:port]</c> form (IPv6 in brackets when a port follows; <c>DOMAIN\user</c> allowed).</summary>
    public static TransportTarget ParseSshHostName(string hostName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostName);
        if (hostName.Contains("://", StringComparison.Ordinal))
        {
            var parsed = Parse(hostName);
            return parsed.Scheme == "ssh" ? parsed : throw new FormatException($"-HostName takes [user@]host[:port], not a {parsed.Scheme} URI.");
        }

        var (user, host, port) = ParseAuthority(hostName, hostName);
        return new TransportTarget { Scheme = "ssh", UserName = user, Host = host, Port = port };
    }

    private static (string? User, string Host, int? Port) ParseAuthority(string authority, string original)
    {
        string? user = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            user = authority[..at];
            authority = authority[(at + 1)..];
            if (user.Length == 0)
            {
                throw new FormatException($"'{original}' has an empty user name.");
            }
        }

        string host;
        int? port = null;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"'{original}' has an unclosed IPv6 bracket.");
            }

            host = authority[1..close];
            var after = authority[(close + 1)..];
            if (after.Length > 0)
            {
                port = after[0] == ':' ? ParsePort(after[1..], original) : throw new FormatException($"'{original}' has text after the IPv6 address.");
            }
        }
        else if (authority.Count(c => c == ':') > 1)
        {
            // A bare IPv6 address: no port can be told apart from it.
            host = authority;
        }
        else
        {
            var colon = authority.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? authority : authority[..colon];
            if (colon >= 0)
            {
                port = ParsePort(authority[(colon + 1)..], original);
            }
        }

        if (host.Length == 0)
        {
            throw new FormatException($"'{original}' has no host.");
        }

        return (user, host, port);
    }

    private static int ParsePort(string text, string original) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new FormatException($"'{original}' has an invalid port '{text}' (1-65535).");

    private static bool IsScheme(ReadOnlySpan<char> s)
    {
        if (!char.IsAsciiLetter(s[0]))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        // A Windows drive letter ("C:\…") is not a scheme.
        return s.Length > 1;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        if (Host is null)
        {
            return Path is null ? $"{Scheme}:" : $"{Scheme}://{Path}";
        }

        var host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        var user = UserName is null ? string.Empty : $"{UserName}@";
        var port = Port is null ? string.Empty : $":{Port.Value.ToString(CultureInfo.InvariantCulture)}";
        return $"{Scheme}://{user}{host}{port}{Path}";
    }
}
