using System.Buffers;
using System.Runtime.InteropServices;
using System.Net.Security;

namespace Psrp.Providers.WSMan.Security;

/// <summary>
/// One client security context (Negotiate, Kerberos or NTLM through
/// <see cref="NegotiateAuthentication"/>) bound to one HTTP connection: it produces the
/// <c>Authorization</c> tokens of the handshake and afterwards seals and unseals that connection's
/// messages. Not thread-safe: the connection that owns it is used by one request at a time, which also
/// keeps the sequence numbers in order.
/// </summary>
internal sealed class WSManSecurityContext : IWSManMessageSealer, IDisposable
{
    /// <summary>MS-WSMV's protocol label when the scheme is Negotiate (SPNEGO, also when it chose NTLM).</summary>
    public const string SpnegoProtocol = "application/HTTP-SPNEGO-session-encrypted";

    /// <summary>MS-WSMV's protocol label when the scheme is plain Kerberos.</summary>
    public const string KerberosProtocol = "application/HTTP-Kerberos-session-encrypted";

    private readonly NegotiateAuthentication _context;

    public WSManSecurityContext(string scheme, NegotiateAuthenticationClientOptions options)
    {
        Scheme = scheme;
        TargetName = options.TargetName ?? string.Empty;
        _context = new NegotiateAuthentication(options);
    }

    /// <summary>The HTTP authentication scheme the tokens travel under (<c>Negotiate</c> or <c>Kerberos</c>).</summary>
    public string Scheme { get; }

    /// <summary>The SPN asked for.</summary>
    public string TargetName { get; }

    /// <inheritdoc />
    public string Protocol => Scheme == "Kerberos" ? KerberosProtocol : SpnegoProtocol;

    /// <summary>True once the handshake is complete on the client's side.</summary>
    public bool IsAuthenticated => _context.IsAuthenticated;

    /// <summary>The mechanism chosen (<c>Kerberos</c> or <c>NTLM</c>) once authenticated.</summary>
    public string Package => _context.Package;

    /// <summary>The next token to send (base64), or null when none is needed; the status says how the step went.</summary>
    public string? Step(string? incoming, out NegotiateAuthenticationStatusCode status) =>
        _context.GetOutgoingBlob(incoming, out status);

    /// <inheritdoc />
    public SealedMessage Seal(ReadOnlySpan<byte> plaintext)
    {
        var writer = new ArrayBufferWriter<byte>(plaintext.Length + 128);
        var status = _context.Wrap(plaintext, writer, requestEncryption: true, out var encrypted);
        if (status != NegotiateAuthenticationStatusCode.Completed || !encrypted)
        {
            throw new InvalidOperationException($"Sealing a message with the {Package} context for {TargetName} failed ({status}); the context does not offer encryption.");
        }

        return WinRMTokenLayout.Split(writer.WrittenSpan, plaintext.Length);
    }

    /// <inheritdoc />
    public ArraySegment<byte> Unseal(ReadOnlySpan<byte> token, int headerLength)
    {
        // GSS takes header and data joined, whatever the rotation; in the body they already are.
        var writer = new ArrayBufferWriter<byte>(Math.Max(1, token.Length - headerLength));
        var status = _context.Unwrap(token, writer, out var wasEncrypted);
        if (status != NegotiateAuthenticationStatusCode.Completed)
        {
            throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, $"A message from the server did not decrypt or verify with the {Package} context ({status}): altered, replayed or out of order.");
        }

        if (!wasEncrypted)
        {
            throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, "A message from the server was signed but not encrypted; encryption was negotiated.");
        }

        // The writer's own array, without another copy of what may be megabytes.
        return MemoryMarshal.TryGetArray(writer.WrittenMemory, out var written) ? written : writer.WrittenSpan.ToArray();
    }

    public void Dispose() => _context.Dispose();
}
