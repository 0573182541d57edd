using System.Buffers.Binary;

namespace Psrp.Providers.WSMan.Security;

/// <summary>
/// Reshapes GSS wrap tokens into the header/data split WinRM's message encryption carries, without
/// touching the cryptography (which stays in <see cref="System.Net.Security.NegotiateAuthentication"/>):
/// <list type="bullet">
/// <item>NTLM: the 16-byte signature is the header, the sealed bytes the data.</item>
/// <item>Kerberos (RFC 4121 CFX, <c>05 04</c>): Windows expects the token rotated so the encrypted
/// data comes last (MS-KILE 3.4.5.4.1): the trailer after the data (filler, encrypted header copy,
/// 12-byte checksum: EC + 28 bytes) moves in front of it and RRC says by how much. With EC = 0 the
/// header is 60 bytes (16 token header, 28 rotated, 16 confounder).</item>
/// </list>
/// Unwrapping takes header and data as they lie in the body, joined: GSS accepts any RRC.
/// </summary>
public static class WinRMTokenLayout
{
    private const int CfxHeaderLength = 16;
    private const int NtlmSignatureLength = 16;
    private const int AesConfounderLength = 16;
    private const int AesChecksumLength = 12;

    /// <summary>Splits a wrap token for <paramref name="plaintextLength"/> bytes into header and data.</summary>
    public static SealedMessage Split(ReadOnlySpan<byte> token, int plaintextLength)
    {
        if (token.Length >= 2 && token[0] == 0x05 && token[1] == 0x04)
        {
            return SplitKerberos(token, plaintextLength);
        }

        if (token.Length == NtlmSignatureLength + plaintextLength && BinaryPrimitives.ReadUInt32LittleEndian(token) == 1)
        {
            return new SealedMessage(token[..NtlmSignatureLength].ToArray(), token[NtlmSignatureLength..].ToArray());
        }

        throw new NotSupportedException(
            $"The security context produced a wrap token of {token.Length} bytes for {plaintextLength} bytes that is neither an NTLM signature nor a Kerberos AES (RFC 4121) token; "
            + "WinRM message encryption with this mechanism (e.g. Kerberos RC4) is not supported. Use HTTPS, or AES Kerberos keys.");
    }

    private static SealedMessage SplitKerberos(ReadOnlySpan<byte> token, int plaintextLength)
    {
        if (token.Length < CfxHeaderLength || (token[2] & 0x02) == 0)
        {
            throw new NotSupportedException("The Kerberos wrap token is not sealed (confidentiality was not applied).");
        }

        var ec = BinaryPrimitives.ReadUInt16BigEndian(token[4..]);
        var rrc = BinaryPrimitives.ReadUInt16BigEndian(token[6..]);
        ReadOnlySpan<byte> body = token[CfxHeaderLength..];
        if (body.Length != AesConfounderLength + plaintextLength + ec + CfxHeaderLength + AesChecksumLength)
        {
            throw new NotSupportedException($"The Kerberos wrap token's length {token.Length} does not fit an AES token for {plaintextLength} bytes.");
        }

        // Undo any rotation the library applied (none from MIT or SSPI's Wrap; kept for safety).
        if (rrc != 0)
        {
            var unrotated = body.ToArray();
            Rotate(unrotated, unrotated.Length - (rrc % unrotated.Length));
            body = unrotated;
        }

        // Rotated right by the trailer (encrypted header copy and checksum), the token reads: header,
        // trailer, confounder, data. That is the split WinRM carries, taken here as slices.
        const int trailer = CfxHeaderLength + AesChecksumLength;
        var header = new byte[CfxHeaderLength + trailer + AesConfounderLength];
        token[..CfxHeaderLength].CopyTo(header);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), trailer);
        body[^trailer..].CopyTo(header.AsSpan(CfxHeaderLength));
        body[..AesConfounderLength].CopyTo(header.AsSpan(CfxHeaderLength + trailer));

        // EC filler bytes stay with the data: WinRM's Length then counts them as padding.
        return new SealedMessage(header, body[AesConfounderLength..^trailer].ToArray(), ec);
    }

    // Rotates right by count: the last count bytes move to the front.
    private static void Rotate(byte[] buffer, int count)
    {
        count %= buffer.Length;
        if (count == 0)
        {
            return;
        }

        var tail = buffer.AsSpan(buffer.Length - count).ToArray();
        Array.Copy(buffer, 0, buffer, count, buffer.Length - count);
        tail.CopyTo(buffer, 0);
    }
}
