using Psrp.WSMan.Endpoint.Soap;

namespace Psrp.WSMan.Endpoint;

/// <summary>How a <see cref="WSManTestEndpoint"/> behaves. Defaults follow WinRM's defaults where WinRM has one.</summary>
public sealed record WSManEndpointOptions
{
    /// <summary>HTTP port on 127.0.0.1; 0 picks a free one.</summary>
    public int HttpPort { get; init; }

    /// <summary>HTTPS port on 127.0.0.1; 0 picks a free one; null: no HTTPS listener.</summary>
    public int? HttpsPort { get; init; } = 0;

    /// <summary>The URL path of the service (WinRM: <c>/wsman</c>, the client's ApplicationName).</summary>
    public string Path { get; init; } = "/wsman";

    /// <summary>The user accepted with Basic authentication.</summary>
    public string UserName { get; init; } = "psrp";

    /// <summary>That user's password; null generates a random one (see <see cref="WSManTestEndpoint.Password"/>).</summary>
    public string? Password { get; init; }

    /// <summary>
    /// Accept Basic over plain HTTP (WinRM: <c>AllowUnencrypted</c> plus Basic, off by default). When
    /// false, an HTTP request with Basic credentials is refused with 401, as WinRM refuses it.
    /// </summary>
    public bool AllowBasicOverHttp { get; init; }

    /// <summary>
    /// Offer and accept Negotiate and Kerberos (WinRM's defaults). The endpoint's process needs
    /// <c>KRB5_KTNAME</c> (a keytab with HTTP/&lt;host&gt;) for Kerberos and <c>NTLM_USER_FILE</c>
    /// (gss-ntlmssp) for NTLM, set before it starts.
    /// </summary>
    public bool AllowNegotiate { get; init; } = true;

    /// <summary>
    /// WinRM's <c>AllowUnencrypted</c> (off by default): accept plaintext envelopes over HTTP on a
    /// Negotiate/Kerberos connection. When false such a request is refused with 401, and only
    /// <c>multipart/encrypted</c> bodies are served.
    /// </summary>
    public bool AllowUnencrypted { get; init; }

    /// <summary>Test switch: expect a channel binding over HTTPS that no client can produce, as a server behind a TLS-terminating proxy would.</summary>
    public bool MismatchedChannelBinding { get; init; }

    /// <summary>How long Kestrel keeps an idle connection open (null: its default of 130 s); short values make clients reconnect.</summary>
    public TimeSpan? KeepAliveTimeout { get; init; }

    /// <summary>Accept client certificates issued by the endpoint's CA and mapped to a user (HTTPS only).</summary>
    public bool AllowCertificateAuthentication { get; init; } = true;

    /// <summary>Session configuration names served as <c>http://schemas.microsoft.com/powershell/&lt;name&gt;</c>.</summary>
    public IReadOnlyList<string> ConfigurationNames { get; init; } = ["Microsoft.PowerShell", "PowerShell.7"];

    /// <summary>
    /// Session configurations that exist but whose permissions deny the user (a locked-down or JEA
    /// endpoint): any request on them is the AccessDenied fault (Win32 error 5), as WinRM answers.
    /// </summary>
    public IReadOnlyList<string> DeniedConfigurationNames { get; init; } = ["Denied.PowerShell"];

    /// <summary>
    /// Fault injection: called with each authenticated, parsed request's action URI (after the
    /// resource URI check); a returned fault is sent instead of running the operation (e.g.
    /// <c>WSManFaults.ShellQuota(5)</c> on Command).
    /// </summary>
    public Func<string, WSManFaultException?>? InjectFault { get; init; }

    /// <summary>Fault injection with the whole request (action, selectors, body) to choose from; runs after <see cref="InjectFault"/>.</summary>
    public Func<WSManRequest, WSManFaultException?>? InjectRequestFault { get; init; }

    /// <summary>Largest request envelope accepted, in bytes (WinRM: MaxEnvelopeSizekb, default 500 KiB).</summary>
    public int MaxEnvelopeSize { get; init; } = 512000;

    /// <summary>Receive wait when the request carries no OperationTimeout (WinRM: 60 s).</summary>
    public TimeSpan DefaultOperationTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Concurrent shells per user before Create faults with QuotaLimit (WinRM: MaxShellsPerUser, default 30).</summary>
    public int MaxShellsPerUser { get; init; } = 30;

    /// <summary>When set, requests are redirected (3xx) as described; see <see cref="WSManRedirectOptions"/>.</summary>
    public WSManRedirectOptions? Redirect { get; init; }

    /// <summary>Psrp.LocalServer.dll; null: <c>localserver/</c> beside the endpoint assembly or the application, or <c>PSRP_LOCAL_SERVER</c>.</summary>
    public string? LocalServerPath { get; init; }

    /// <summary>
    /// How long pipeline output the PowerShell plugin sends without flush waits for more output before
    /// a pending Receive is answered (host calls, pool messages and the end of a pipeline answer at once).
    /// WinRM's own timing is not documented; this is the endpoint's emulation.
    /// </summary>
    public TimeSpan OutputLinger { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Bytes of output one channel may buffer before the PowerShell server waits for a Receive.</summary>
    public long OutboxCapacity { get; init; } = 32L << 20;
}
