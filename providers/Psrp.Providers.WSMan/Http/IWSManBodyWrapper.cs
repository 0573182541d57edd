namespace Psrp.Providers.WSMan.Http;

/// <summary>
/// Turns a SOAP envelope into an HTTP body and back. Plain SOAP today (<see cref="PlainSoapBody"/>);
/// the seam for message encryption over HTTP (NTLM/Kerberos/CredSSP <c>multipart/encrypted</c>,
/// psrp-facts §10.2), which wraps and unwraps here without the rest of the transport knowing.
/// </summary>
public interface IWSManBodyWrapper
{
    /// <summary>The request body for <paramref name="envelope"/>.</summary>
    HttpContent Wrap(byte[] envelope);

    /// <summary>Reads the response body as envelope bytes, refusing more than <paramref name="maxLength"/> bytes.</summary>
    ValueTask<ArraySegment<byte>> UnwrapAsync(HttpResponseMessage response, int maxLength, CancellationToken cancellationToken);
}
