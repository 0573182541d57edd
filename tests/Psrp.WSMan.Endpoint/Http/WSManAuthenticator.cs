using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Psrp.WSMan.Endpoint.Security;

namespace Psrp.WSMan.Endpoint.Http;

/// <summary>
/// Authenticates each request as WinRM does for the two mechanisms of this part: Basic (over HTTPS,
/// or over HTTP only when allowed) and client certificates over HTTPS, signalled by WinRM's
/// <c>Authorization: http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/mutual</c> header
/// and mapped to a user by thumbprint. Failures are HTTP 401 with WWW-Authenticate, never a SOAP fault.
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

    /// <summary>The authenticated user, or null after writing the 401 response.</summary>
    public async Task<string?> AuthenticateAsync(HttpContext context)
    {
        var https = context.Request.IsHttps;
        var authorization = context.Request.Headers.Authorization.ToString();
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
        var offers = new List<string> { "Negotiate" };
        if (context.Request.IsHttps || _options.AllowBasicOverHttp)
        {
            offers.Add("Basic realm=\"WSMAN\"");
        }

        response.Headers.WWWAuthenticate = offers.ToArray();
        return null;
    }
}
