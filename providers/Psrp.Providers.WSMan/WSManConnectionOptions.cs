using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Psrp.Providers.WSMan.Authentication;

namespace Psrp.Providers.WSMan;

/// <summary>
/// How to reach a WS-Management PowerShell endpoint: the seed's <c>-ComputerName</c>/<c>-ConnectionUri</c>
/// parameters and the <c>-SessionOption</c> (New-PSSessionOption) settings, for library users.
/// <see cref="WSManSessionParameters.Map"/> builds one from Enter-PSSession parameters.
/// </summary>
public sealed record WSManConnectionOptions
{
    /// <summary>PowerShell's default session configuration.</summary>
    public const string DefaultConfigurationName = "Microsoft.PowerShell";

    /// <summary>WinRM 2.0's envelope limit, the starting size before the server's protocol version is known (psrp-facts §1.2).</summary>
    public const int LegacyMaxEnvelopeSize = 150 * 1024;

    /// <summary>WinRM 3.0+'s envelope limit, used once the server speaks protocol 2.2 or later.</summary>
    public const int ModernMaxEnvelopeSize = 500 * 1024;

    /// <summary>The endpoint, e.g. <c>https://host:5986/wsman</c>.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary><c>-ConfigurationName</c>: a session configuration name, or a full resource URI.</summary>
    public string ConfigurationName { get; init; } = DefaultConfigurationName;

    /// <summary>The resource URI requests name: <c>http://schemas.microsoft.com/powershell/&lt;ConfigurationName&gt;</c> unless the name is already a URI.</summary>
    public string ResourceUri =>
        ConfigurationName.Contains("://", StringComparison.Ordinal) ? ConfigurationName : Soap.WSManActions.PowerShellResourcePrefix + ConfigurationName;

    /// <summary>How requests authenticate; null sends none (only useful against endpoints that need none).</summary>
    public WSManAuthentication? Authentication { get; init; }

    /// <summary><c>-AllowRedirection</c>: follow HTTP redirects (never from HTTPS to HTTP).</summary>
    public bool AllowRedirection { get; init; }

    /// <summary>Session option MaximumRedirection: how many redirects one request may follow (PowerShell: 5).</summary>
    public int MaximumRedirection { get; init; } = 5;

    /// <summary>Session option OperationTimeout: the server's deadline for one operation, and how long a Receive waits for data (PowerShell: 3 minutes).</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Session option OpenTimeout: how long creating the shell may take (PowerShell: 3 minutes).</summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Session option CancelTimeout: how long a stop or close signal may take (PowerShell: 1 minute).</summary>
    public TimeSpan CancelTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Session option IdleTimeout: how long the server keeps an idle shell; null leaves the server's default.</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>
    /// MaxEnvelopeSize in bytes (WinRM's MaxEnvelopeSizekb × 1024): the largest envelope either side sends. Null (default):
    /// 150 KiB until the server's protocol version is known, 500 KiB from protocol 2.2 on (psrp-facts §1.2).
    /// An explicit value is kept for the whole session.
    /// </summary>
    public int? MaxEnvelopeSize { get; init; }

    /// <summary>
    /// Largest PSRP fragment the client sends, header included; null (default): as large as the
    /// envelope allows. Never more than the envelope allows (core's <c>TransportOptions.MaxFragmentSize</c>).
    /// </summary>
    public int? MaxFragmentSize { get; init; }

    /// <summary>Gets every HTTP request and response envelope (for <c>psrp --trace</c>), never an Authorization header; null records nothing.</summary>
    public Psrp.Diagnostics.IWireRecorder? WireRecorder { get; init; }

    /// <summary>Session option Culture (<c>wsmv:DataLocale</c>); null: the current culture.</summary>
    public CultureInfo? Culture { get; init; }

    /// <summary>Session option UICulture (<c>wsman:Locale</c>); null: the current UI culture.</summary>
    public CultureInfo? UICulture { get; init; }

    /// <summary>Session option SkipCACheck: accept a server certificate whose chain does not end at a trusted root.</summary>
    public bool SkipCACheck { get; init; }

    /// <summary>Session option SkipCNCheck: accept a server certificate issued to another name.</summary>
    public bool SkipCNCheck { get; init; }

    /// <summary>Session option SkipRevocationCheck: do not check the server certificate's revocation status.</summary>
    public bool SkipRevocationCheck { get; init; }

    /// <summary>
    /// Session option NoEncryption: allow traffic that is not encrypted. Required for Basic over plain HTTP
    /// (which then sends the password readable by anyone on the path; a warning is logged).
    /// </summary>
    public bool NoEncryption { get; init; }

    /// <summary>Extra trusted roots for the server certificate (a private CA), in addition to the system's.</summary>
    public X509Certificate2Collection? TrustedRootCertificates { get; init; }

    /// <summary>Session option ProxyAccessType, as an HTTP proxy: null uses the system proxy (environment variables); set to use this one.</summary>
    public IWebProxy? Proxy { get; init; }

    /// <summary>Session option ProxyAccessType NoProxyServer: connect directly.</summary>
    public bool NoProxy { get; init; }

    /// <summary>The envelope size the session starts with.</summary>
    internal int InitialMaxEnvelopeSize => MaxEnvelopeSize ?? LegacyMaxEnvelopeSize;

    internal void Validate()
    {
        if (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The WSMan endpoint must be an absolute http or https URI, not '{Endpoint}'.", nameof(Endpoint));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(ConfigurationName);
        ArgumentOutOfRangeException.ThrowIfNegative(MaximumRedirection);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(OperationTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(OpenTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CancelTimeout, TimeSpan.Zero);
        if (MaxFragmentSize is { } fragment)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(fragment, 22, nameof(MaxFragmentSize));
        }

        if (MaxEnvelopeSize is { } size)
        {
            // Below this an envelope cannot carry one useful fragment next to its headers.
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 8192, nameof(MaxEnvelopeSize));
        }
    }
}
