using System.Buffers;
using System.Net.Http.Headers;

namespace Psrp.Providers.WSMan.Http;

/// <summary>Envelopes as they are: <c>application/soap+xml;charset=UTF-8</c> (HTTPS, or Basic/certificate auth).</summary>
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
    public async ValueTask<ArraySegment<byte>> UnwrapAsync(HttpResponseMessage response, int maxLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Content.Headers.ContentLength is { } declared && declared > maxLength)
        {
            throw new PsrpProtocolException(PsrpProtocolError.LimitExceeded, $"The server's response of {declared} bytes exceeds the limit of {maxLength} bytes.");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[(int)Math.Min(response.Content.Headers.ContentLength ?? 16 * 1024, maxLength) + 1];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > maxLength)
                {
                    throw new PsrpProtocolException(PsrpProtocolError.LimitExceeded, $"The server's response exceeds the limit of {maxLength} bytes.");
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxLength + 1L));
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return new ArraySegment<byte>(buffer, 0, length);
            }

            length += read;
            if (length > maxLength)
            {
                throw new PsrpProtocolException(PsrpProtocolError.LimitExceeded, $"The server's response exceeds the limit of {maxLength} bytes.");
            }
        }
    }
}
