namespace Psrp.Providers.WSMan.Http;

/// <summary>Reads a response body whole, refusing more than a limit (a server cannot make the client hold more).</summary>
internal static class BoundedBody
{
    public static async ValueTask<ArraySegment<byte>> ReadAsync(HttpResponseMessage response, int maxLength, CancellationToken cancellationToken)
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
