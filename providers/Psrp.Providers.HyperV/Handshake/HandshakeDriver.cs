using System.Security.Cryptography;

namespace Psrp.Providers.HyperV.Handshake;

/// <summary>
/// Runs a sans-IO handshake over a connected stream: writes each step's bytes, reads exactly one
/// reply (one read, as the peer sends one message and then waits), feeds it back. Secret messages
/// are zeroed once written and reply buffers once consumed. Waits are bounded by the caller's token.
/// </summary>
internal static class HandshakeDriver
{
    /// <summary>Runs <paramref name="handshake"/> to its outcome. Socket failures become <see cref="PowerShellDirectException"/>s naming <paramref name="peer"/>.</summary>
    public static async Task<TOutcome> RunAsync<TOutcome>(Stream stream, IHandshake<TOutcome> handshake, string peer, CancellationToken cancellationToken)
    {
        var step = handshake.Start();
        while (true)
        {
            switch (step)
            {
                case SendAndReceive<TOutcome> exchange:
                    await WriteAsync(stream, exchange.Bytes, exchange.IsSecret, peer, cancellationToken).ConfigureAwait(false);
                    var reply = new byte[exchange.ReplyLimit];
                    try
                    {
                        int read;
                        try
                        {
                            read = await stream.ReadAsync(reply, cancellationToken).ConfigureAwait(false);
                        }
                        catch (IOException)
                        {
                            // A reset is a close with worse manners; the machine says what it was waiting for.
                            read = 0;
                        }

                        step = handshake.Receive(reply.AsSpan(0, read));
                    }
                    finally
                    {
                        // The reply may be the token.
                        CryptographicOperations.ZeroMemory(reply);
                    }

                    break;
                case SendAndFinish<TOutcome> last:
                    if (last.Bytes.Length > 0)
                    {
                        await WriteAsync(stream, last.Bytes, last.IsSecret, peer, cancellationToken).ConfigureAwait(false);
                    }

                    return last.Outcome;
                default:
                    throw new InvalidOperationException($"Unknown handshake step {step?.GetType().Name}.");
            }
        }
    }

    private static async Task WriteAsync(Stream stream, byte[] bytes, bool isSecret, string peer, CancellationToken cancellationToken)
    {
        try
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new PowerShellDirectException(PowerShellDirectError.ConnectionClosed, $"{peer} closed the connection during the handshake: {ex.Message}", ex);
        }
        finally
        {
            if (isSecret)
            {
                CryptographicOperations.ZeroMemory(bytes);
            }
        }
    }
}
