using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Psrp.Providers.WSMan.Authentication;
using Psrp.Transport;

namespace Psrp.Providers.WSMan;

/// <summary>
/// Maps Enter-PSSession's WSMan parameters (<c>-ComputerName</c>, <c>-Port</c>, <c>-UseSSL</c>,
/// <c>-ApplicationName</c>, <c>-ConnectionUri</c>, <c>-AllowRedirection</c>, <c>-ConfigurationName</c>,
/// <c>-Credential</c>, <c>-Authentication</c>, <c>-CertificateThumbprint</c>, <c>-SessionOption</c>)
/// onto <see cref="WSManConnectionOptions"/>.
/// </summary>
/// <remarks>
/// <c>-SessionOption</c> keys are New-PSSessionOption's names (timeouts in milliseconds), plus
/// <c>MaxEnvelopeSizeKB</c>/<c>MaxEnvelopeSize</c>, <c>ProxyUri</c>, <c>CertificateFilePath</c> (a PFX;
/// its password comes from the <c>PSRP_CERTIFICATE_PASSWORD</c> environment variable, never from the
/// command line) and <c>CACertificateFilePath</c> (a PEM/DER root to trust for the server certificate).
/// </remarks>
public static class WSManSessionParameters
{
    /// <summary>The environment variable holding the PFX password for <c>CertificateFilePath</c>.</summary>
    public const string CertificatePasswordVariable = "PSRP_CERTIFICATE_PASSWORD";

    // New-PSSessionOption settings that have no meaning for this client; accepted so scripts keep working.
    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase)
    {
        "NoCompression", "NoMachineProfile", "UseUTF16", "OutputBufferingMode",
        "MaxConnectionRetryCount", "MaximumReceivedDataSizePerCommand", "MaximumReceivedObjectSize",
        "ProxyAuthentication", "ApplicationArguments",
    };

    /// <summary>Builds the options; throws <see cref="SessionParameterException"/> for invalid or unsupported parameters.</summary>
    public static WSManConnectionOptions Map(TransportConnectRequest request, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var p = request.Parameters;
        var target = request.Target;
        if (target.Scheme is not ("http" or "https") || string.IsNullOrEmpty(target.Host))
        {
            throw new SessionParameterException($"The wsman provider needs an http:// or https:// target with a host (-ComputerName or -ConnectionUri), not '{target}'.");
        }

        var https = target.Scheme == "https";
        var path = string.IsNullOrEmpty(target.Path) || target.Path == "/" ? "/wsman" : target.Path;
        var endpoint = new UriBuilder(target.Scheme, target.Host, target.Port ?? (https ? 443 : 80), path).Uri;

        var options = new WSManConnectionOptions
        {
            Endpoint = endpoint,
            ConfigurationName = string.IsNullOrWhiteSpace(p.ConfigurationName) ? WSManConnectionOptions.DefaultConfigurationName : p.ConfigurationName,
            AllowRedirection = p.AllowRedirection,

            // Core's wire tuning first; a MaxEnvelopeSizeKB session option below overrides it.
            MaxEnvelopeSize = request.Options.MaxEnvelopeSize,
            MaxFragmentSize = request.Options.MaxFragmentSize,
            WireRecorder = request.Options.WireRecorder,
        };
        var spn = new SpnSettings();
        options = ApplySessionOptions(options, p.SessionOption, spn, out var certificateFile);
        var authentication = ChooseAuthentication(p, https, options, certificateFile, spn, logger);
        return options with { Authentication = authentication };
    }

    private static WSManAuthentication? ChooseAuthentication(SessionParameters p, bool https, WSManConnectionOptions options, string? certificateFile, SpnSettings spn, ILogger? logger)
    {
        var mechanism = p.Authentication ?? AuthenticationMechanism.Default;
        var certificateGiven = p.CertificateThumbprint is not null || certificateFile is not null;
        if (certificateGiven)
        {
            if (mechanism is not AuthenticationMechanism.Default)
            {
                throw new SessionParameterException($"-CertificateThumbprint and -Authentication {mechanism} both say how to authenticate; give one of them.");
            }

            if (!https)
            {
                throw new SessionParameterException("Certificate authentication needs HTTPS: use -UseSSL or an https:// URI.");
            }

            var certificate = p.CertificateThumbprint is { } thumbprint
                ? ClientCertificates.FromCurrentUserStore(thumbprint)
                : ClientCertificates.FromPfxFile(certificateFile!, Environment.GetEnvironmentVariable(CertificatePasswordVariable));
            return new CertificateAuthentication(certificate);
        }

        switch (mechanism)
        {
            case AuthenticationMechanism.Basic:
                if (p.Credential is null)
                {
                    throw new SessionParameterException("-Authentication Basic needs -Credential.");
                }

                if (!https)
                {
                    if (!options.NoEncryption)
                    {
                        throw new SessionParameterException(
                            "Basic authentication over plain HTTP would send the password readable by anyone on the path. Use -UseSSL (or an https:// URI), or allow it explicitly with -SessionOption NoEncryption=$true.");
                    }

                    logger?.LogWarning("WSMan: Basic authentication over plain HTTP to {Endpoint}: the password travels unencrypted (allowed by NoEncryption).", options.Endpoint.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped));
                }

                return new BasicAuthentication(p.Credential);

            // PowerShell's Default is Negotiate, with -Credential or as the current user.
            case AuthenticationMechanism.Default or AuthenticationMechanism.Negotiate:
                return spn.Apply(new NegotiateSchemeAuthentication("Negotiate", p.Credential));
            case AuthenticationMechanism.NegotiateWithImplicitCredential:
                if (p.Credential is not null)
                {
                    throw new SessionParameterException("-Authentication NegotiateWithImplicitCredential uses the current user's identity; it cannot be combined with -Credential (use -Authentication Negotiate).");
                }

                return spn.Apply(new NegotiateSchemeAuthentication("Negotiate"));
            case AuthenticationMechanism.Kerberos:
                return spn.Apply(new NegotiateSchemeAuthentication("Kerberos", p.Credential));
            default:
                throw new SessionParameterException($"-Authentication {mechanism} is not supported by the wsman provider yet; use Default/Negotiate, Kerberos, NegotiateWithImplicitCredential, Basic (with -Credential) or -CertificateThumbprint.");
        }
    }

    /// <summary>The SPN session options, applied to a Negotiate/Kerberos scheme.</summary>
    private sealed class SpnSettings
    {
        public string? Service { get; set; }

        public string? HostName { get; set; }

        public bool IncludePort { get; set; }

        public NegotiateSchemeAuthentication Apply(NegotiateSchemeAuthentication scheme) => new(scheme.Package, scheme.Credential)
        {
            ServiceClass = Service ?? scheme.ServiceClass,
            SpnHostName = HostName,
            IncludePortInSpn = IncludePort,
        };
    }

    private static WSManConnectionOptions ApplySessionOptions(WSManConnectionOptions options, IReadOnlyDictionary<string, string>? entries, SpnSettings spn, out string? certificateFile)
    {
        certificateFile = null;
        if (entries is null)
        {
            return options;
        }

        foreach (var (key, value) in entries)
        {
            switch (key.ToUpperInvariant())
            {
                case "OPERATIONTIMEOUT":
                    options = options with { OperationTimeout = Milliseconds(key, value) };
                    break;
                case "OPENTIMEOUT":
                    options = options with { OpenTimeout = Milliseconds(key, value) };
                    break;
                case "CANCELTIMEOUT":
                    options = options with { CancelTimeout = Milliseconds(key, value) };
                    break;
                case "IDLETIMEOUT":
                    // -1 is New-PSSessionOption's "use the server's default".
                    options = options with { IdleTimeout = value.Trim() == "-1" ? null : Milliseconds(key, value) };
                    break;
                case "MAXENVELOPESIZEKB":
                    options = options with { MaxEnvelopeSize = checked(Integer(key, value) * 1024) };
                    break;
                case "MAXENVELOPESIZE":
                    options = options with { MaxEnvelopeSize = Integer(key, value) };
                    break;
                case "CULTURE":
                    options = options with { Culture = Culture(key, value) };
                    break;
                case "UICULTURE":
                    options = options with { UICulture = Culture(key, value) };
                    break;
                case "SKIPCACHECK":
                    options = options with { SkipCACheck = Boolean(key, value) };
                    break;
                case "SKIPCNCHECK":
                    options = options with { SkipCNCheck = Boolean(key, value) };
                    break;
                case "SKIPREVOCATIONCHECK":
                    options = options with { SkipRevocationCheck = Boolean(key, value) };
                    break;
                case "NOENCRYPTION":
                    options = options with { NoEncryption = Boolean(key, value) };
                    break;
                case "MAXIMUMREDIRECTION":
                    options = options with { MaximumRedirection = Integer(key, value) };
                    break;
                case "PROXYACCESSTYPE":
                    options = value.Trim().ToUpperInvariant() switch
                    {
                        "NOPROXYSERVER" => options with { NoProxy = true },
                        "NONE" or "IECONFIG" or "WINHTTPCONFIG" or "AUTODETECT" => options with { NoProxy = false },
                        _ => throw new SessionParameterException($"-SessionOption ProxyAccessType: '{value}' is not one of None, IEConfig, WinHttpConfig, AutoDetect, NoProxyServer."),
                    };
                    break;
                case "PROXYURI":
                    options = Uri.TryCreate(value.Trim(), UriKind.Absolute, out var proxy)
                        ? options with { Proxy = new WebProxy(proxy), NoProxy = false }
                        : throw new SessionParameterException($"-SessionOption ProxyUri: '{value}' is not an absolute URI.");
                    break;
                case "CERTIFICATEFILEPATH":
                    certificateFile = value.Trim();
                    break;
                case "CACERTIFICATEFILEPATH":
                    options = options with { TrustedRootCertificates = LoadRoots(value.Trim()) };
                    break;
                case "INCLUDEPORTINSPN":
                    spn.IncludePort = Boolean(key, value);
                    break;
                case "SPNSERVICE":
                    spn.Service = ServiceClass(key, value);
                    break;
                case "SPNHOSTNAME":
                    spn.HostName = string.IsNullOrWhiteSpace(value) ? throw new SessionParameterException($"-SessionOption {key} needs a host name.") : value.Trim();
                    break;
                case "PROXYCREDENTIAL":
                    throw new SessionParameterException("-SessionOption ProxyCredential cannot be given as text; put the proxy's credentials in ProxyUri's environment (HTTPS_PROXY) instead.");
                default:
                    if (!Ignored.Contains(key))
                    {
                        throw new SessionParameterException(
                            $"-SessionOption {key} is not a WSMan session option. Supported: OperationTimeout, OpenTimeout, CancelTimeout, IdleTimeout (ms), MaxEnvelopeSizeKB, MaxEnvelopeSize, Culture, UICulture, SkipCACheck, SkipCNCheck, SkipRevocationCheck, NoEncryption, MaximumRedirection, ProxyAccessType, ProxyUri, CertificateFilePath, CACertificateFilePath, IncludePortInSPN, SPNService, SPNHostName.");
                    }

                    break;
            }
        }

        return options;
    }

    private static string ServiceClass(string key, string value)
    {
        var text = value.Trim();
        return text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? text
            : throw new SessionParameterException($"-SessionOption {key}: '{value}' is not a service class such as HTTP, WSMAN or host.");
    }

    private static X509Certificate2Collection LoadRoots(string path)
    {
        try
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(path);
            if (roots.Count == 0)
            {
                roots.Add(X509CertificateLoader.LoadCertificateFromFile(path));
            }

            return roots;
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException)
        {
            throw new SessionParameterException($"-SessionOption CACertificateFilePath: '{path}' could not be read: {ex.Message}");
        }
    }

    private static TimeSpan Milliseconds(string key, string value)
    {
        var text = value.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
        {
            return span;
        }

        throw new SessionParameterException($"-SessionOption {key}: '{value}' is not a positive number of milliseconds (or a time span such as 00:01:00).");
    }

    private static int Integer(string key, string value) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new SessionParameterException($"-SessionOption {key}: '{value}' is not a non-negative whole number.");

    private static bool Boolean(string key, string value) => value.Trim().ToUpperInvariant() switch
    {
        "$TRUE" or "TRUE" or "1" or "YES" => true,
        "$FALSE" or "FALSE" or "0" or "NO" => false,
        _ => throw new SessionParameterException($"-SessionOption {key}: '{value}' is not $true or $false."),
    };

    private static CultureInfo Culture(string key, string value)
    {
        try
        {
            return CultureInfo.GetCultureInfo(value.Trim(), predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            throw new SessionParameterException($"-SessionOption {key}: '{value}' is not a culture name such as en-US.");
        }
    }
}
