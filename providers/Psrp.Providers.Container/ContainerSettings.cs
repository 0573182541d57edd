using System.Globalization;
using System.Text.Json;
using Psrp.Transport;

namespace Psrp.Providers.Container;

/// <summary>
/// The <see cref="SessionParameters.ProviderSettings"/> keys this provider reads (case-insensitive),
/// beyond the seed's <c>-ContainerId</c>, <c>-ConfigurationName</c> and <c>-RunAsAdministrator</c>.
/// Keys in the <c>docker.</c>, <c>server.</c> and <c>exec.</c> namespaces that are not listed here are
/// rejected, so a typo is an error rather than a silently ignored setting; other keys are left alone.
/// </summary>
public static class ContainerSettings
{
    /// <summary><c>docker.host</c>: the engine endpoint (see <see cref="DockerEngineOptions.Endpoint"/>); default <c>DOCKER_HOST</c>.</summary>
    public const string Host = "docker.host";

    /// <summary><c>docker.tls</c>: <c>true</c>/<c>false</c>, speak TLS to a tcp endpoint; default <c>DOCKER_TLS</c>/<c>DOCKER_TLS_VERIFY</c>.</summary>
    public const string Tls = "docker.tls";

    /// <summary><c>docker.tlsverify</c>: <c>true</c>/<c>false</c>, check the engine's certificate; default <c>DOCKER_TLS_VERIFY</c>.</summary>
    public const string TlsVerify = "docker.tlsverify";

    /// <summary><c>docker.certpath</c>: folder with <c>ca.pem</c>, <c>cert.pem</c>, <c>key.pem</c>; default <c>DOCKER_CERT_PATH</c>, else <c>~/.docker</c>.</summary>
    public const string CertPath = "docker.certpath";

    /// <summary><c>docker.timeout</c>: seconds one engine request may take while connecting (default 30).</summary>
    public const string Timeout = "docker.timeout";

    /// <summary><c>server.executable</c>: the PowerShell server run inside the container (default <c>pwsh</c>).</summary>
    public const string ServerExecutable = "server.executable";

    /// <summary>
    /// <c>server.arguments</c>: its arguments, whitespace-separated or a JSON array of strings
    /// (default <c>-NoLogo -NoProfile -s</c>); <c>-ConfigurationName</c> is appended when given.
    /// </summary>
    public const string ServerArguments = "server.arguments";

    /// <summary><c>exec.user</c>: the user the exec runs as (<c>name</c>, <c>uid</c> or <c>uid:gid</c>); overrides <c>-RunAsAdministrator</c>.</summary>
    public const string User = "exec.user";

    private static readonly string[] Known = [Host, Tls, TlsVerify, CertPath, Timeout, ServerExecutable, ServerArguments, User];
    private static readonly string[] OwnNamespaces = ["docker.", "server.", "exec."];

    /// <summary>
    /// Builds transport options from a connection request: the container from the target's host,
    /// the seed's parameters, and the settings above. Throws <see cref="SessionParameterException"/>
    /// for a missing container or a bad setting.
    /// </summary>
    public static ContainerTransportOptions ToOptions(TransportConnectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var container = request.Target.Host ?? request.Parameters.ContainerId;
        if (string.IsNullOrWhiteSpace(container))
        {
            throw new SessionParameterException("No container given: use -ContainerId <id-or-name> or the target container://<id-or-name>.");
        }

        var settings = request.Parameters.ProviderSettings ?? new Dictionary<string, string>();
        foreach (var key in settings.Keys)
        {
            if (OwnNamespaces.Any(ns => key.StartsWith(ns, StringComparison.OrdinalIgnoreCase))
                && !Known.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw new SessionParameterException($"Unknown container setting '{key}'. Known: {string.Join(", ", Known)}.");
            }
        }

        var options = new ContainerTransportOptions
        {
            ContainerId = container,
            ConfigurationName = request.Parameters.ConfigurationName,
            RunAsAdministrator = request.Parameters.RunAsAdministrator,
            User = Get(settings, User),
            Engine = new DockerEngineOptions
            {
                Endpoint = Get(settings, Host) is { } host ? ParseEndpoint(host) : null,
                UseTls = GetBool(settings, Tls),
                VerifyServer = GetBool(settings, TlsVerify),
                CertificatePath = Get(settings, CertPath),
                RequestTimeout = GetSeconds(settings, Timeout) ?? new DockerEngineOptions().RequestTimeout,
            },
        };
        if (Get(settings, ServerExecutable) is { } executable)
        {
            options = options with { ServerExecutable = executable };
        }

        if (Get(settings, ServerArguments) is { } arguments)
        {
            options = options with { ServerArguments = ParseArguments(arguments) };
        }

        return options;
    }

    /// <summary>Parses an endpoint as <c>DOCKER_HOST</c> is written; throws <see cref="SessionParameterException"/> when it is no absolute URI.</summary>
    public static Uri ParseEndpoint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
            ? uri
            : throw new SessionParameterException($"'{text}' is not a Docker endpoint: expected unix:///path, npipe://./pipe/name, tcp://host:port or https://host:port.");
    }

    /// <summary>Splits <c>server.arguments</c>: a JSON array of strings, or words separated by whitespace.</summary>
    public static IReadOnlyList<string> ParseArguments(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (!trimmed.StartsWith('['))
        {
            return trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(trimmed) ?? [];
        }
        catch (JsonException ex)
        {
            throw new SessionParameterException($"Setting '{ServerArguments}' is not a JSON array of strings: {ex.Message}");
        }
    }

    private static string? Get(IReadOnlyDictionary<string, string> settings, string key)
    {
        foreach (var (name, value) in settings)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }

    private static bool? GetBool(IReadOnlyDictionary<string, string> settings, string key) => Get(settings, key) switch
    {
        null => null,
        var v when v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1" => true,
        var v when v.Equals("false", StringComparison.OrdinalIgnoreCase) || v == "0" => false,
        var v => throw new SessionParameterException($"Setting '{key}' must be true or false, not '{v}'."),
    };

    private static TimeSpan? GetSeconds(IReadOnlyDictionary<string, string> settings, string key) => Get(settings, key) switch
    {
        null => null,
        var v when double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && s < int.MaxValue => TimeSpan.FromSeconds(s),
        var v => throw new SessionParameterException($"Setting '{key}' must be a positive number of seconds, not '{v}'."),
    };
}
