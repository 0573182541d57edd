using Psrp.Providers.WSMan.Security;
using Psrp.Transport;

namespace Psrp.Providers.WSMan.Http;

/// <summary>
/// Envelopes sealed with one connection's security context (<see cref="EncryptedMessageFormat"/>).
/// A response that is not encrypted is refused: once encryption was negotiated, a plaintext answer
/// is either a misconfigured server or someone in the middle.
/// </summary>
internal sealed class EncryptedSoapBody(IWSManMessageSealer sealer, string host, TransportPhase phase) : IWSManBodyWrapper
{
    public HttpContent Wrap(byte[] envelope)
    {
        var content = new ByteArrayContent(EncryptedMessageFormat.Encode(envelope, sealer));
        content.Headers.TryAddWithoutValidation("Content-Type", EncryptedMessageFormat.ContentType(sealer.Protocol));
        return content;
    }

    public async ValueTask<ArraySegment<byte>> UnwrapAsync(HttpResponseMessage response, int maxLength, CancellationToken cancellationToken)
    {
        // The framing costs a few hundred bytes and the signature up to 60 per message.
        var raw = await BoundedBody.ReadAsync(response, maxLength + 4096, cancellationToken).ConfigureAwait(false);
        if (raw.Count == 0)
        {
            return raw;
        }

        if (!EncryptedMessageFormat.IsEncrypted(response.Content.Headers.ContentType?.MediaType))
        {
            throw new WSManAuthenticationException(
                phase,
                host,
                WSManAuthenticationFailure.EncryptionRefused,
                $"{host} answered HTTP {(int)response.StatusCode} in plaintext ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}) after message encryption was negotiated; refused. "
                + "A server or proxy that strips encryption is not trusted; use HTTPS if the server cannot encrypt.");
        }

        return EncryptedMessageFormat.Decode(raw, sealer, maxLength);
    }
}
