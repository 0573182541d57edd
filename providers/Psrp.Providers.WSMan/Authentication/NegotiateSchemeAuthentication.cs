using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Authentication.ExtendedProtection;
using Psrp.Providers.WSMan.Security;
using Psrp.Transport;

namespace Psrp.Providers.WSMan.Authentication;

/// <summary>
/// Negotiate (SPNEGO: Kerberos, falling back to NTLM), Kerberos alone, or NTLM alone, through
/// <see cref="NegotiateAuthentication"/> (GSSAPI with gss-ntlmssp on Linux and macOS, SSPI on Windows):
/// no cryptography of our own. WinRM binds the security context to the TCP connection, so every
/// connection authenticates on its own (one handshake of empty-bodied POSTs) and seals its own
/// messages; a replaced connection authenticates again without the caller noticing. Over plain HTTP
/// every envelope is encrypted (MS-WSMV 2.2.9.1) unless <see cref="WSManConnectionOptions.NoEncryption"/>;
/// over HTTPS TLS protects the messages and the context is bound to the server certificate
/// (<c>tls-server-end-point</c> channel binding).
/// </summary>
public sealed class NegotiateSchemeAuthentication : WSManAuthentication
{
    /// <summary>Creates the scheme.</summary>
    /// <param name="package"><c>Negotiate</c>, <c>Kerberos</c> or <c>NTLM</c>.</param>
    /// <param name="credential">The user (<c>DOMAIN\user</c>, <c>user@REALM</c> or <c>user</c>) and password; null uses the current identity (the Kerberos ticket cache, <c>KRB5CCNAME</c>).</param>
    public NegotiateSchemeAuthentication(string package = "Negotiate", PsrpCredential? credential = null)
    {
        Package = package switch
        {
            _ when package.Equals("Negotiate", StringComparison.OrdinalIgnoreCase) => "Negotiate",
            _ when package.Equals("Kerberos", StringComparison.OrdinalIgnoreCase) => "Kerberos",
            _ when package.Equals("NTLM", StringComparison.OrdinalIgnoreCase) => "NTLM",
            _ => throw new ArgumentException($"'{package}' is not Negotiate, Kerberos or NTLM.", nameof(package)),
        };
        Credential = credential;
    }

    /// <summary><c>Negotiate</c>, <c>Kerberos</c> or <c>NTLM</c>.</summary>
    public string Package { get; }

    /// <summary>The explicit credential, or null for the current identity.</summary>
    public PsrpCredential? Credential { get; }

    /// <summary>The SPN's service class: <c>HTTP</c> (PowerShell's choice) unless set, e.g. <c>WSMAN</c> or <c>host</c>.</summary>
    public string ServiceClass { get; init; } = "HTTP";

    /// <summary>The SPN's host; null: the endpoint's host as given (never canonicalised through DNS).</summary>
    public string? SpnHostName { get; init; }

    /// <summary>New-PSSessionOption's IncludePortInSPN: <c>HTTP/host:port</c>.</summary>
    public bool IncludePortInSpn { get; init; }

    /// <inheritdoc />
    public override string Name => Package;

    /// <inheritdoc />
    public override bool ProtectsCredentialsWithoutTls => true;

    /// <summary>True: each connection carries its own security context.</summary>
    public override bool BindsToConnection => true;

    /// <summary>The HTTP scheme the tokens go under: <c>Kerberos</c> for Kerberos alone, else <c>Negotiate</c> (raw NTLM tokens included, as WinRM accepts).</summary>
    public string HttpScheme => Package == "Kerberos" ? "Kerberos" : "Negotiate";

    /// <summary>Who authenticates, for messages: the user name or "the current identity".</summary>
    public string Who => Credential?.UserName ?? "the current identity";

    /// <summary>The service principal name asked for at <paramref name="endpoint"/>.</summary>
    public string TargetName(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var host = SpnHostName ?? endpoint.IdnHost;
        return IncludePortInSpn
            ? $"{ServiceClass}/{host}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}"
            : $"{ServiceClass}/{host}";
    }

    /// <inheritdoc />
    public override ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public override string ToString() => $"{Package} {{ User = {Who} }}";

    internal WSManSecurityContext CreateContext(Uri endpoint, ChannelBinding? binding)
    {
        var options = new NegotiateAuthenticationClientOptions
        {
            Package = Package,
            TargetName = TargetName(endpoint),
            Binding = binding,
            Credential = Credential is { } c ? ToNetworkCredential(c) : CredentialCache.DefaultNetworkCredentials,

            // Sealing needs confidentiality; mutual authentication proves the server for Kerberos.
            RequiredProtectionLevel = ProtectionLevel.EncryptAndSign,
            RequireMutualAuthentication = Package != "NTLM",
        };
        return new WSManSecurityContext(HttpScheme, options);
    }

    private static NetworkCredential ToNetworkCredential(PsrpCredential credential)
    {
        // DOMAIN\user: the domain goes in its own field (NTLM matches it separately); user@REALM stays
        // whole, which Kerberos takes as the principal and NTLM as a UPN.
        var backslash = credential.UserName.IndexOf('\\', StringComparison.Ordinal);
        return backslash > 0
            ? new NetworkCredential(credential.UserName[(backslash + 1)..], credential.Password, credential.UserName[..backslash])
            : new NetworkCredential(credential.UserName, credential.Password);
    }
}
