using System.Text;
using Psrp.Providers.WSMan.Http;
using Psrp.Providers.WSMan.Security;

namespace Psrp.Fuzz.Targets;

/// <summary>
/// The encrypted WSMan body (providers/Psrp.Providers.WSMan/Http, MS-WSMV multipart/encrypted) through
/// <see cref="EncryptedMessageFormat.Decode"/>, with a trivial sealer so the framing, not the
/// cryptography, is what the fuzzer explores.
/// </summary>
public sealed class WSManEncryptedTarget : IFuzzTarget
{
    private static readonly XorSealer Sealer = new();

    /// <inheritdoc />
    public string Name => "wsman-encrypted";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        try
        {
            _ = EncryptedMessageFormat.Decode(input, Sealer, maxLength: 1 << 20);
        }
        catch (PsrpProtocolException)
        {
        }
    }

    /// <inheritdoc />
    public IEnumerable<(string Name, byte[] Bytes)> Seeds(Golden golden)
    {
        yield return ("small", EncryptedMessageFormat.Encode("<s:Envelope/>"u8, Sealer));
        yield return ("empty", EncryptedMessageFormat.Encode([], Sealer));
        var envelope = Encoding.UTF8.GetBytes($"<s:Envelope><s:Body><rsp:Stream>{Convert.ToBase64String(golden.Payloads[0].Bytes)}</rsp:Stream></s:Body></s:Envelope>");
        yield return ("envelope", EncryptedMessageFormat.Encode(envelope, Sealer));

        // Two messages in one body (multipart/x-multi-encrypted): the second part's framing repeated.
        var one = EncryptedMessageFormat.Encode("first"u8, Sealer);
        var two = EncryptedMessageFormat.Encode("second"u8, Sealer);
        var closing = Encoding.ASCII.GetBytes($"--{EncryptedMessageFormat.Boundary}--\r\n");
        var boundary = Encoding.ASCII.GetBytes($"--{EncryptedMessageFormat.Boundary}");
        var cut = one.AsSpan().LastIndexOf(closing);
        if (cut > 0)
        {
            yield return ("multi", [.. one.AsSpan(0, cut), .. two.AsSpan(boundary.Length)]);
        }
    }

    /// <summary>A stand-in mechanism: a 16-byte header like NTLM's signature, the data XORed, 2 bytes of padding.</summary>
    private sealed class XorSealer : IWSManMessageSealer
    {
        private const int HeaderLength = 16;
        private const int Padding = 2;

        public string Protocol => WSManSecurityContext.SpnegoProtocol;

        public SealedMessage Seal(ReadOnlySpan<byte> plaintext)
        {
            var data = new byte[plaintext.Length + Padding];
            for (var i = 0; i < plaintext.Length; i++)
            {
                data[i] = (byte)(plaintext[i] ^ 0x5A);
            }

            return new SealedMessage(new byte[HeaderLength], data, Padding);
        }

        public ArraySegment<byte> Unseal(ReadOnlySpan<byte> token, int headerLength)
        {
            var data = token[Math.Min(headerLength, token.Length)..];
            if (headerLength != HeaderLength || data.Length < Padding)
            {
                throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, "The test sealer's message does not verify.");
            }

            var plaintext = new byte[data.Length - Padding];
            for (var i = 0; i < plaintext.Length; i++)
            {
                plaintext[i] = (byte)(data[i] ^ 0x5A);
            }

            return plaintext;
        }
    }
}
