using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using Microsoft.Extensions.Logging;
using Psrp.Providers.WSMan.Authentication;
using Psrp.Providers.WSMan.Security;
using Psrp.Transport;

namespace Psrp.Providers.WSMan.Http;

/// <summary>
/// The connection-bound handshake (Negotiate, Kerberos, NTLM): empty-bodied POSTs carrying the
/// tokens until the context is complete, as WinRM's own clients authenticate before the first
/// encrypted envelope. Kerberos costs one round trip, NTLM two (its challenge, then the server's final
/// SPNEGO token). Over HTTPS one unauthenticated probe comes first: the context must be bound to the
/// server certificate, which is only known once TLS has run on that connection.
/// </summary>
internal sealed partial class WSManClient
{
    private const int MaxHandshakeLegs = 8;

    private async Task AuthenticateAsync(WSManConnection connection, Uri endpoint, string operation, TransportPhase phase, TimeSpan timeout, CancellationToken callerToken, CancellationToken token)
    {
        var scheme = _negotiate!;
        connection.Forget();
        var host = endpoint.Host;
        System.Security.Authentication.ExtendedProtection.ChannelBinding? binding = null;
        if (endpoint.Scheme == Uri.UriSchemeHttps)
        {
            if (connection.ServerCertificate is null)
            {
                await ProbeAsync(connection, endpoint, scheme, operation, phase, timeout, callerToken, token).ConfigureAwait(false);
            }

            binding = connection.ServerCertificate is { } certificate ? TlsServerEndPointBinding.For(certificate) : null;
        }

        var context = scheme.CreateContext(endpoint, binding);
        try
        {
            string? incoming = null;
            for (var leg = 0; leg < MaxHandshakeLegs; leg++)
            {
                var outgoing = context.Step(incoming, out var status);
                if (status is not (NegotiateAuthenticationStatusCode.Completed or NegotiateAuthenticationStatusCode.ContinueNeeded))
                {
                    throw ClientStepFailed(scheme, context.TargetName, host, phase, status, leg, incoming is null);
                }

                if (outgoing is null)
                {
                    if (context.IsAuthenticated)
                    {
                        break;
                    }

                    throw Failed(phase, host, WSManAuthenticationFailure.HandshakeFailed, $"the {scheme.Name} handshake with {host} stopped without completing.");
                }

                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent([]) };
                request.Headers.TryAddWithoutValidation("Authorization", $"{context.Scheme} {outgoing}");
                Record(request, []);
                using var response = await SendAsync(connection, request, operation, endpoint, phase, timeout, callerToken, token).ConfigureAwait(false);
                Statistics.CountRoundTrip("Authenticate");
                Record(response, null);
                await DrainAsync(response, token).ConfigureAwait(false);
                incoming = TokenFrom(response.Headers.WwwAuthenticate, context.Scheme);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    if (incoming is null)
                    {
                        throw Refused(scheme, context, response, host, phase);
                    }

                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw HttpError(response.StatusCode, "authentication", endpoint, phase);
                }

                // Accepted: the server's last token (Kerberos' AP-REP, SPNEGO's MIC) completes our side.
                if (!context.IsAuthenticated)
                {
                    if (incoming is null)
                    {
                        throw Failed(phase, host, WSManAuthenticationFailure.HandshakeFailed, $"{host} accepted the {scheme.Name} handshake without the final token that proves it is the server ({context.TargetName}); refused.");
                    }

                    context.Step(incoming, out status);
                    if (!context.IsAuthenticated)
                    {
                        throw Failed(phase, host, WSManAuthenticationFailure.HandshakeFailed, $"the final {scheme.Name} token from {host} did not verify ({status}): the server could not prove it holds the key for {context.TargetName}.");
                    }
                }

                break;
            }

            if (!context.IsAuthenticated)
            {
                throw Failed(phase, host, WSManAuthenticationFailure.HandshakeFailed, $"the {scheme.Name} handshake with {host} did not complete in {MaxHandshakeLegs} legs.");
            }

            _logger.LogDebug("WSMan: authenticated to {Host} with {Package} ({Target}) on a new connection.", host, context.Package, context.TargetName);
            connection.Authenticated(context);
        }
        catch
        {
            context.Dispose();
            throw;
        }
        finally
        {
            binding?.Dispose();
        }
    }

    // One empty, unauthenticated POST: TLS runs (so the certificate is known) and the 401 lists the schemes offered.
    private async Task ProbeAsync(WSManConnection connection, Uri endpoint, NegotiateSchemeAuthentication scheme, string operation, TransportPhase phase, TimeSpan timeout, CancellationToken callerToken, CancellationToken token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent([]) };
        Record(request, []);
        using var response = await SendAsync(connection, request, operation, endpoint, phase, timeout, callerToken, token).ConfigureAwait(false);
        Statistics.CountRoundTrip("Authenticate");
        Record(response, null);
        await DrainAsync(response, token).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized && !Offers(response.Headers.WwwAuthenticate, scheme.HttpScheme))
        {
            throw NotOffered(scheme, response, endpoint.Host, phase);
        }
    }

    private static async Task DrainAsync(HttpResponseMessage response, CancellationToken token)
    {
        // Reading the (small) body returns the connection to the handler for the next leg.
        await BoundedBody.ReadAsync(response, 64 * 1024, token).ConfigureAwait(false);
    }

    private static string? TokenFrom(HttpHeaderValueCollection<AuthenticationHeaderValue> challenges, string scheme)
    {
        foreach (var challenge in challenges)
        {
            if (challenge.Scheme.Equals(scheme, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(challenge.Parameter))
            {
                return challenge.Parameter.Trim();
            }
        }

        return null;
    }

    private static bool Offers(HttpHeaderValueCollection<AuthenticationHeaderValue> challenges, string scheme) =>
        challenges.Any(c => c.Scheme.Equals(scheme, StringComparison.OrdinalIgnoreCase));

    private static string Offered(HttpResponseMessage response)
    {
        var schemes = response.Headers.WwwAuthenticate.Select(c => c.Scheme).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        return schemes.Length == 0 ? "no scheme" : string.Join(", ", schemes);
    }

    private static WSManAuthenticationException Refused(NegotiateSchemeAuthentication scheme, WSManSecurityContext context, HttpResponseMessage response, string host, TransportPhase phase)
    {
        if (!Offers(response.Headers.WwwAuthenticate, context.Scheme))
        {
            return NotOffered(scheme, response, host, phase);
        }

        var mechanism = context.IsAuthenticated || context.Package is "Kerberos" or "NTLM" ? $" ({context.Package})" : string.Empty;
        return Failed(phase, host, WSManAuthenticationFailure.CredentialsRefused,
            $"{host} refused the {scheme.Name}{mechanism} credentials of {scheme.Who} (401): the user name or password is wrong, the account is locked or may not log on remotely, "
            + "or the server could not check them. Check -Credential (DOMAIN\\user or user@REALM).");
    }

    private static WSManAuthenticationException NotOffered(NegotiateSchemeAuthentication scheme, HttpResponseMessage response, string host, TransportPhase phase) =>
        Failed(phase, host, WSManAuthenticationFailure.SchemeNotOffered,
            $"{host} accepts {Offered(response)}; {scheme.HttpScheme} was asked for (-Authentication {scheme.Name}). Choose a scheme the server offers.");

    private static WSManAuthenticationException ClientStepFailed(NegotiateSchemeAuthentication scheme, string target, string host, TransportPhase phase, NegotiateAuthenticationStatusCode status, int leg, bool first)
    {
        var who = scheme.Who;
        var (failure, what) = status switch
        {
            NegotiateAuthenticationStatusCode.UnknownCredentials or NegotiateAuthenticationStatusCode.CredentialsExpired or NegotiateAuthenticationStatusCode.BadBinding when scheme.Credential is null && first =>
                (WSManAuthenticationFailure.NoUsableCredentials, $"no usable credentials for the current identity: no valid Kerberos ticket in the cache ({CacheName()}). Run kinit, or give -Credential."),
            NegotiateAuthenticationStatusCode.UnknownCredentials or NegotiateAuthenticationStatusCode.InvalidCredentials or NegotiateAuthenticationStatusCode.CredentialsExpired =>
                (WSManAuthenticationFailure.NoUsableCredentials, $"the credentials of {who} could not be used ({status}): the password is wrong or expired, the user is unknown to the KDC, or the KDC is unreachable."),
            NegotiateAuthenticationStatusCode.TargetUnknown =>
                (WSManAuthenticationFailure.TargetUnknown, $"the KDC does not know the service principal {target}. Register it, or pick the name the server is registered under (-SessionOption SPNService=WSMAN|host, SPNHostName=…, IncludePortInSPN=$true)."),
            NegotiateAuthenticationStatusCode.ContextExpired =>
                (WSManAuthenticationFailure.HandshakeFailed, "the security context expired; the clocks of client, KDC and server may differ by more than 5 minutes."),
            NegotiateAuthenticationStatusCode.BadBinding =>
                (WSManAuthenticationFailure.HandshakeFailed, "the channel binding (tls-server-end-point) was refused."),
            _ when first && scheme.Package != "NTLM" =>
                (WSManAuthenticationFailure.NoUsableCredentials,
                    $"no Kerberos ticket for {target} could be obtained for {who} ({status}). Causes: the KDC is unreachable (check krb5.conf or DNS for the realm), the service principal {target} is unknown to it, "
                    + $"the password is wrong, the clocks differ by more than 5 minutes, or {(scheme.Credential is null ? $"there is no ticket cache ({CacheName()}; run kinit)" : "the realm is not known")}."),
            _ => (WSManAuthenticationFailure.HandshakeFailed, $"the token from the server did not verify at step {leg + 1} ({status}); a proxy may have changed it, or the server uses another channel binding."),
        };
        return Failed(phase, host, failure, $"{scheme.Name} authentication to {host} failed: {what}");
    }

    private static string CacheName() =>
        Environment.GetEnvironmentVariable("KRB5CCNAME") is { Length: > 0 } cache ? "KRB5CCNAME=" + cache : "the default cache; KRB5CCNAME is not set";

    private static WSManAuthenticationException Failed(TransportPhase phase, string host, WSManAuthenticationFailure failure, string message) =>
        new(phase, host, failure, message);
}
