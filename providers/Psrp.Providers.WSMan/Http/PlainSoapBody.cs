using System.Net.Http.Headers;

namespace Psrp.Providers.WSMan.Http;

/// <summary>Envelopes as they are: <c>application/soap+xml;charset=UTF-8</c> (HTTPS, Basic/certificate auth, or NoEncryption).</summary>
public sealed class PlainSoapBody : IWSManBodyWrapper
{
    private static readonly MediaTypeHeaderValue SoapType = MediaTypeHeaderValue.Parse("application/soap+xml;charset=UTF-8");

    private PlainSoapBody()
    {
    }

    /// <summary>The one instance.</summary>
    public static PlainSoapBody Instance { get; } = new();

    /// <inheritdoc />
    public HttpContent Wrap(byte[] envelope)
    {
        var content = new ByteArrayContent(envelope);
        content.Headers.ContentType = SoapType;
        return content;
    }

    /// <inheritdoc />
    public ValueTask<ArraySegment<byte>> UnwrapAsync(HttpResponseMessage response, int maxLength, CancellationToken cancellationToken) =>
        BoundedBody.ReadAsync(response, maxLength, cancellationToken);
}
