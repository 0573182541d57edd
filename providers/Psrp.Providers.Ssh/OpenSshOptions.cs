using System.Globalization;
using Psrp.Transport;

namespace Psrp.Providers.Ssh;

/// <summary>
/// Enter-PSSession's <c>-Options</c> for the in-process ssh provider: the OpenSSH client options
/// (ssh_config(5) names, case-insensitive) that mean something without the ssh binary. Anything
/// else is refused with an error naming the option and pointing to the <c>openssh</c> provider,
/// which hands every option to the system ssh; nothing is silently ignored.
/// </summary>
public sealed record OpenSshOptions
{
    /// <summary>The option names this provider understands, as ssh_config(5) spells them.</summary>
    public static IReadOnlyList<string> Supported { get; } =
    [
        "BatchMode", "ConnectTimeout", "GlobalKnownHostsFile", "HashKnownHosts", "HostKeyAlias", "HostName",
        "IdentitiesOnly", "IdentityFile", "KbdInteractiveAuthentication", "ChallengeResponseAuthentication",
        "PasswordAuthentication", "Port", "PreferredAuthentications", "PubkeyAuthentication", "RemoteCommand",
        "ServerAliveInterval", "StrictHostKeyChecking", "User", "UserKnownHostsFile",
    ];

    /// <summary><c>HostName</c>: the real host to connect to.</summary>
    public string? HostName { get; init; }

    /// <summary><c>Port</c>.</summary>
    public int? Port { get; init; }

    /// <summary><c>User</c>.</summary>
    public string? User { get; init; }

    /// <summary><c>IdentityFile</c>.</summary>
    public string? IdentityFile { get; init; }

    /// <summary><c>RemoteCommand</c>: run this command on an exec channel instead of requesting a subsystem.</summary>
    public string? RemoteCommand { get; init; }

    private Func<SshConnectionSettings, SshConnectionSettings> Apply { get; init; } = static s => s;

    /// <summary>Parses <paramref name="options"/>; throws <see cref="SessionParameterException"/> naming an unsupported option or a bad value.</summary>
    public static OpenSshOptions Parse(IReadOnlyDictionary<string, string>? options)
    {
        var parsed = new OpenSshOptions();
        if (options is null)
        {
            return parsed;
        }

        foreach (var (rawKey, rawValue) in options)
        {
            var key = rawKey.Trim();
            var value = (rawValue ?? string.Empty).Trim();
            var name = Supported.FirstOrDefault(s => s.Equals(key, StringComparison.OrdinalIgnoreCase))
                ?? throw new SessionParameterException(
                    $"-Options: '{key}' is not an OpenSSH option the ssh provider supports in-process. Supported: {string.Join(", ", Supported)}. " +
                    "For other options (ProxyJump, ProxyCommand, ForwardAgent, GSSAPIAuthentication, ControlMaster, …) use the openssh provider " +
                    "(-Provider openssh), which passes -Options to the system ssh.");
            parsed = name switch
            {
                "HostName" => parsed with { HostName = NonEmpty(name, value) },
                "Port" => parsed with { Port = PortNumber(name, value) },
                "User" => parsed with { User = NonEmpty(name, value) },
                "IdentityFile" => parsed with { IdentityFile = NonEmpty(name, value) },
                "RemoteCommand" => parsed with { RemoteCommand = NonEmpty(name, value) },
                "HostKeyAlias" => parsed.Then(NonEmpty(name, value), static (s, v) => s with { HostKeyAlias = v }),
                "UserKnownHostsFile" => parsed.Then(FileList(value), static (s, v) => s with { UserKnownHostsFiles = v }),
                "GlobalKnownHostsFile" => parsed.Then(FileList(value), static (s, v) => s with { GlobalKnownHostsFiles = v }),
                "StrictHostKeyChecking" => parsed.Then(HostKeyPolicy(name, value), static (s, v) => s with { StrictHostKeyChecking = v }),
                "HashKnownHosts" => parsed.Then(YesNo(name, value), static (s, v) => s with { HashKnownHosts = v }),
                "ConnectTimeout" => parsed.Then(Seconds(name, value, allowZero: false), static (s, v) => s with { ConnectTimeout = v }),
                "ServerAliveInterval" => parsed.Then(Seconds(name, value, allowZero: true), static (s, v) => s with { ServerAliveInterval = v }),
                "PasswordAuthentication" => parsed.Then(YesNo(name, value), static (s, v) => s with { PasswordAuthentication = v }),
                "KbdInteractiveAuthentication" or "ChallengeResponseAuthentication" => parsed.Then(YesNo(name, value), static (s, v) => s with { KeyboardInteractiveAuthentication = v }),
                "PubkeyAuthentication" => parsed.Then(YesNo(name, value), static (s, v) => s with { PubkeyAuthentication = v }),
                "PreferredAuthentications" => parsed.Then(Methods(name, value), static (s, v) => s with { PreferredAuthentications = v }),

                // Satisfied by construction: an in-process client never prompts and has no agent.
                "BatchMode" or "IdentitiesOnly" => Validated(parsed, YesNo(name, value)),
                _ => throw new InvalidOperationException($"Option {name} has no handler."),
            };
        }

        return parsed;
    }

    /// <summary>Applies the options that shape the connection (all but host, port, user, identity file and command, which the caller merges with the explicit parameters).</summary>
    public SshConnectionSettings ApplyTo(SshConnectionSettings settings) => Apply(settings);

    private static OpenSshOptions Validated(OpenSshOptions parsed, bool value)
    {
        _ = value;
        return parsed;
    }

    /// <summary>Adds a change to apply later; <paramref name="value"/> is parsed now, so a bad value fails at once.</summary>
    private OpenSshOptions Then<T>(T value, Func<SshConnectionSettings, T, SshConnectionSettings> apply)
    {
        var previous = Apply;
        return this with { Apply = s => apply(previous(s), value) };
    }

    private static string NonEmpty(string name, string value) =>
        value.Length > 0 ? value : throw Invalid(name, value, "a non-empty value");

    private static int PortNumber(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw Invalid(name, value, "a port number (1-65535)");

    private static bool YesNo(string name, string value) => value.ToLowerInvariant() switch
    {
        "yes" or "true" => true,
        "no" or "false" => false,
        _ => throw Invalid(name, value, "yes or no"),
    };

    private static TimeSpan Seconds(string name, string value, bool allowZero) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && (seconds > 0 || (allowZero && seconds == 0))
            ? TimeSpan.FromSeconds(seconds)
            : throw Invalid(name, value, allowZero ? "a number of seconds (0 or more)" : "a number of seconds (1 or more)");

    private static StrictHostKeyChecking HostKeyPolicy(string name, string value) => value.ToLowerInvariant() switch
    {
        "yes" or "true" => StrictHostKeyChecking.Yes,
        "accept-new" => StrictHostKeyChecking.AcceptNew,
        "no" or "off" or "false" => StrictHostKeyChecking.No,
        "ask" => throw Invalid(name, value,
            "yes, accept-new or no ('ask' needs a person at a terminal; the openssh provider can ask there)"),
        _ => throw Invalid(name, value, "yes, accept-new or no"),
    };

    private static IReadOnlyList<string> FileList(string value) =>
        value.Equals("none", StringComparison.OrdinalIgnoreCase)
            ? []
            : value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

    private static IReadOnlyList<string> Methods(string name, string value)
    {
        var methods = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(m => m.ToLowerInvariant())
            .Where(m => SshConnectionSettings.DefaultPreferredAuthentications.Contains(m))
            .Distinct()
            .ToArray();
        return methods.Length > 0
            ? methods
            : throw Invalid(name, value, $"a comma-separated list of {string.Join(", ", SshConnectionSettings.DefaultPreferredAuthentications)}");
    }

    private static SessionParameterException Invalid(string name, string value, string expected) =>
        new($"-Options: {name}='{value}' is not valid; expected {expected}.");
}
