using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Psrp.WSMan.Endpoint.Security;

namespace Psrp.WSMan.Endpoint.Http;

/// <summary>
/// Authenticates requests as WinRM does: Negotiate and Kerberos per connection through
/// <see cref="NegotiateAuthentication"/> in server mode (a keytab in <c>KRB5_KTNAME</c> for Kerberos,
/// gss-ntlmssp's <c>NTLM_USER_FILE</c> for NTLM; raw NTLM tokens under Negotiate are accepted as
/// Windows accepts them); Basic (over HTTPS, or over HTTP only when allowed); client certificates over
/// HTTPS, signalled by WinRM's <c>Authorization: http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/mutual</c>
/// header and mapped to a user by thumbprint. Failures are HTTP 401 with WWW-Authenticate, never a SOAP fault.
/// </summary>
public sealed class WSManAuthenticator
{
    /// <summary>The Authorization value that asks for certificate authentication.</summary>
    public const string MutualProfile = "http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/mutual";

    private readonly WSManEndpointOptions _options;
    private readonly string _password;
    private readonly TestCertificateAuthority _authority;
    private readonly ConcurrentDictionary<string, string> _certificateUsers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the authenticator.</summary>
    public WSManAuthenticator(WSManEndpointOptions options, string password, TestCertificateAuthority authority)
    {
        _options = options;
        _password = password;
        _authority = authority;
    }

    /// <summary>Maps a certificate thumbprint to a user (WinRM's client certificate mapping).</summary>
    public void MapCertificate(string thumbprint, string userName) => _certificateUsers[thumbprint] = userName;

    /// <summary>The channel binding an HTTPS connection must carry (tls-server-end-point of the server certificate); null: none checked.</summary>
    public byte[]? HttpsChannelBinding { get; set; }

    /// <summary>
    /// The authenticated caller, or null after writing the response (a 401, or the next leg of a
    /// handshake). <see cref="Caller.Security"/> is set for Negotiate/Kerberos connections.
    /// </summary>
    public async Task<Caller?> AuthenticateAsync(HttpContext context)
    {
        var https = context.Request.IsHttps;
        var authorization = context.Request.Headers.Authorization.ToString();
        var connection = ConnectionAuthentication.Of(context);
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space > 0 ? authorization[..space] : authorization;
        if (connection is not null && _options.AllowNegotiate && (scheme.Equals("Negotiate", StringComparison.OrdinalIgnoreCase) || scheme.Equals("Kerberos", StringComparison.OrdinalIgnoreCase)))
        {
            return Negotiate(context, connection, scheme.Equals("Kerberos", StringComparison.OrdinalIgnoreCase) ? "Kerberos" : "Negotiate", authorization[(space + 1)..].Trim(), https);
        }

        if (authorization.Length == 0 && connection is { User: { } known, Context: { } established })
        {
            return new Caller(known, connection);
        }

        return await AuthenticateRequestAsync(context, authorization, https).ConfigureAwait(false) is { } user ? new Caller(user, null) : null;
    }

    private Caller? Negotiate(HttpContext context, ConnectionAuthentication connection, string scheme, string token, bool https)
    {
        // A token on a connection that is done (or was mid-way) starts over, as a new client would.
        var rawNtlm = token.StartsWith("TlRMTVNTUA", StringComparison.Ordinal);
        var server = connection.Context is { IsAuthenticated: false } inProgress && connection.User is null && connection.Scheme == scheme
            ? inProgress
            : connection.Start(scheme, new NegotiateAuthenticationServerOptions
            {
                Package = rawNtlm ? "NTLM" : scheme,
                Binding = https && HttpsChannelBinding is { } binding ? ChannelBindings.Create(binding) : null,
            });
        var reply = server.GetOutgoingBlob(token, out var status);
        switch (status)
        {
            case NegotiateAuthenticationStatusCode.ContinueNeeded:
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.ContentLength = 0;
                context.Response.Headers.WWWAuthenticate = $"{scheme} {reply}";
                return null;
            case NegotiateAuthenticationStatusCode.Completed:
                connection.User = server.RemoteIdentity.Name ?? "(unnamed)";
                if (reply is not null)
                {
                    context.Response.Headers.WWWAuthenticate = $"{scheme} {reply}";
                }

                return new Caller(connection.User, connection);
            default:
                connection.Reset();
                Reject(context);
                return null;
        }
    }

    private async Task<string?> AuthenticateRequestAsync(HttpContext context, string authorization, bool https)
    {
        if (string.Equals(authorization.Trim(), MutualProfile, StringComparison.OrdinalIgnoreCase))
        {
            var certificate = https && _options.AllowCertificateAuthentication
                ? await context.Connection.GetClientCertificateAsync(context.RequestAborted).ConfigureAwait(false)
                : null;
            if (certificate is not null && _authority.Issued(certificate) && _certificateUsers.TryGetValue(certificate.Thumbprint, out var mapped))
            {
                return mapped;
            }

            return Reject(context);
        }

        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && (https || _options.AllowBasicOverHttp))
        {
            if (CheckBasic(authorization.AsSpan(6).Trim()) is { } user)
            {
                return user;
            }
        }

        return Reject(context);
    }

    private string? CheckBasic(ReadOnlySpan<char> encoded)
    {
        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(encoded.ToString());
        }
        catch (FormatException)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(decoded);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var user = text[..colon];

        // WinRM accepts a DOMAIN\user or user@domain spelling of a local account; so do we.
        var bare = user.Contains('\\', StringComparison.Ordinal) ? user[(user.LastIndexOf('\\') + 1)..] : user.Split('@')[0];
        var userMatches = string.Equals(bare, _options.UserName, StringComparison.OrdinalIgnoreCase);
        var passwordMatches = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(text[(colon + 1)..]), Encoding.UTF8.GetBytes(_password));
        return userMatches && passwordMatches ? _options.UserName : null;
    }

    private string? Reject(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.ContentLength = 0;
        var offers = new List<string>();
        if (_options.AllowNegotiate)
        {
            offers.Add("Negotiate");
            offers.Add("Kerberos");
        }

        if (context.Request.IsHttps || _options.AllowBasicOverHttp)
        {
            offers.Add("Basic realm=\"WSMAN\"");
        }

        response.Headers.WWWAuthenticate = offers.ToArray();
        return null;
    }
}

/// <summary>Who sent a request, and the connection's security context when Negotiate/Kerberos authenticated it.</summary>
/// <param name="User">The user name.</param>
/// <param name="Security">The connection's authentication (for message encryption), or null for Basic/certificates.</param>
public sealed record Caller(string User, ConnectionAuthentication? Security);
