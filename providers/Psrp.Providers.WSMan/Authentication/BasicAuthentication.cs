using System.Net.Http.Headers;
using System.Text;
using Psrp.Transport;

namespace Psrp.Providers.WSMan.Authentication;

/// <summary>
/// HTTP Basic, sent with every request (no challenge round trip). The credentials are only as safe
/// as the channel: HTTPS by default; plain HTTP only when the connection options allow it explicitly.
/// </summary>
public sealed class BasicAuthentication : WSManAuthentication
{
    private readonly string _header;

    /// <summary>Creates Basic authentication for <paramref name="credential"/>.</summary>
    public BasicAuthentication(PsrpCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        UserName = credential.UserName;

        // WinRM decodes Basic credentials as UTF-8.
        _header = Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.UserName + ":" + credential.Password));
    }

    /// <summary>The user name (never the password).</summary>
    public string UserName { get; }

    /// <inheritdoc />
    public override string Name => "Basic";

    /// <inheritdoc />
    public override ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _header);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override string ToString() => $"Basic {{ UserName = {UserName} }}";
}
