using System.Globalization;
using Psrp.Transport;

namespace Psrp.Providers.HyperV;

/// <summary>
/// Builds <see cref="HyperVTransportOptions"/> from a connection request: the VM from <c>-VMId</c>,
/// <c>-VMName</c> or the target <c>vm://&lt;id-or-name&gt;</c> (a GUID is an id), the seed's
/// <c>-Credential</c> and <c>-ConfigurationName</c>, and these <see cref="SessionParameters.ProviderSettings"/>
/// keys (case-insensitive; other keys in the <c>hyperv.</c> namespace are rejected).
/// </summary>
public static class HyperVSettings
{
    /// <summary><c>hyperv.legacybroker</c>: <c>registry</c> (default), <c>allow</c> or <c>forbid</c> (see <see cref="LegacyBrokerPolicy"/>).</summary>
    public const string LegacyBroker = "hyperv.legacybroker";

    /// <summary><c>hyperv.timeout</c>: seconds each connection and handshake may take (default 30).</summary>
    public const string Timeout = "hyperv.timeout";

    private static readonly string[] Known = [LegacyBroker, Timeout];

    /// <summary>Throws <see cref="SessionParameterException"/> for a missing VM or credential, or a bad setting.</summary>
    public static HyperVTransportOptions ToOptions(TransportConnectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = request.Parameters;
        Guid? id = parameters.VMId;
        var name = parameters.VMName;
        if (id is null && name is null)
        {
            var host = request.Target.Host;
            if (string.IsNullOrWhiteSpace(host))
            {
                throw new SessionParameterException("No virtual machine given: use -VMId <guid>, -VMName <name> or the target vm://<id-or-name>.");
            }

            if (Guid.TryParse(host, out var parsed))
            {
                id = parsed;
            }
            else
            {
                name = host;
            }
        }

        var settings = parameters.ProviderSettings ?? new Dictionary<string, string>();
        foreach (var key in settings.Keys)
        {
            if (key.StartsWith("hyperv.", StringComparison.OrdinalIgnoreCase) && !Known.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw new SessionParameterException($"Unknown Hyper-V setting '{key}'. Known: {string.Join(", ", Known)}.");
            }
        }

        var options = new HyperVTransportOptions
        {
            VmId = id,
            VmName = id is null ? name : null,
            Credential = parameters.Credential,
            ConfigurationName = parameters.ConfigurationName,
        };
        if (Get(settings, LegacyBroker) is { } policy)
        {
            options = options with
            {
                LegacyBroker = policy.ToLowerInvariant() switch
                {
                    "registry" => LegacyBrokerPolicy.FollowRegistry,
                    "allow" => LegacyBrokerPolicy.Allow,
                    "forbid" => LegacyBrokerPolicy.Forbid,
                    _ => throw new SessionParameterException($"{LegacyBroker} must be registry, allow or forbid, not '{policy}'."),
                },
            };
        }

        if (Get(settings, Timeout) is { } timeout)
        {
            options = options with
            {
                HandshakeTimeout = double.TryParse(timeout, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 3600
                    ? TimeSpan.FromSeconds(seconds)
                    : throw new SessionParameterException($"{Timeout} must be a number of seconds (0-3600], not '{timeout}'."),
            };
        }

        return options;
    }

    private static string? Get(IReadOnlyDictionary<string, string> settings, string key) =>
        settings.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
}
