using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Net.Security;
using System.Text;

namespace Psrp.WSMan.Endpoint.Security;

/// <summary>
/// The server's side of WinRM's HTTP message encryption (MS-WSMV 2.2.9.1), written apart from the
/// client's so each checks the other (and pywinrm checks this one): parses
/// <c>multipart/encrypted</c> request bodies and seals responses with the connection's context.
/// Kerberos tokens go out in the Windows layout (RRC 28, the data last); NTLM as signature then data.
/// </summary>
public static class SessionEncryption
{
    private const string Boundary = "--Encrypted Boundary";

    /// <summary>The response Content-Type for <paramref name="protocol"/>.</summary>
    public static string ContentType(string protocol) =>
        $"multipart/encrypted;protocol=\"{protocol}\";boundary=\"Encrypted Boundary\"";

    /// <summary>The <c>protocol</c> parameter of a request's Content-Type, or null when it is not encrypted.</summary>
    public static string? ProtocolOf(string? contentType)
    {
        if (contentType is null || !contentType.TrimStart().StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var parameter in contentType.Split(';'))
        {
            var pair = parameter.Split('=', 2);
            if (pair.Length == 2 && pair[0].Trim().Equals("protocol", StringComparison.OrdinalIgnoreCase))
            {
                return pair[1].Trim().Trim('"');
            }
        }

        return null;
    }

    /// <summary>Decrypts a request body; null when it is malformed or does not verify.</summary>
    public static byte[]? Open(NegotiateAuthentication context, byte[] body)
    {
        // Each message: an OriginalContent line with Length=N, then "application/octet-stream\r\n",
        // a 4-byte header length, the header, the data up to the next boundary.
        var plain = new MemoryStream();
        var span = body.AsSpan();
        var at = 0;
        var parts = 0;
        while (Find(span, at, "OriginalContent:"u8) is var original and >= 0)
        {
            var lineEnd = Find(span, original, "\r\n"u8);
            var lengthAt = Find(span, original, "Length="u8);
            if (lineEnd < 0 || lengthAt < 0 || lengthAt > lineEnd
                || !int.TryParse(Encoding.ASCII.GetString(span[(lengthAt + 7)..lineEnd]), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                return null;
            }

            var stream = Find(span, lineEnd, "application/octet-stream\r\n"u8);
            if (stream < 0 || span.Length - stream < 30)
            {
                return null;
            }

            var start = stream + "application/octet-stream\r\n".Length;
            var headerLength = BinaryPrimitives.ReadInt32LittleEndian(span[start..]);
            var dataStart = start + 4 + headerLength;
            if (headerLength < 0 || length < 0 || dataStart > span.Length - length)
            {
                return null;
            }

            var dataEnd = Find(span, dataStart + length, Encoding.ASCII.GetBytes(Boundary));
            if (dataEnd < 0)
            {
                return null;
            }

            // GSS takes the token whole: header then data, whatever the rotation.
            var output = new ArrayBufferWriter<byte>(length + 16);
            if (context.Unwrap(span[(start + 4)..dataEnd], output, out var encrypted) != NegotiateAuthenticationStatusCode.Completed || !encrypted || output.WrittenCount != length)
            {
                return null;
            }

            plain.Write(output.WrittenSpan);
            parts++;
            at = dataEnd;
        }

        return parts == 0 ? null : plain.ToArray();
    }

    private static int Find(ReadOnlySpan<byte> span, int from, ReadOnlySpan<byte> what)
    {
        var found = span[from..].IndexOf(what);
        return found < 0 ? -1 : from + found;
    }

    /// <summary>Seals a response body as one <c>multipart/encrypted</c> message.</summary>
    public static byte[] Seal(NegotiateAuthentication context, string protocol, byte[] plaintext)
    {
        var output = new ArrayBufferWriter<byte>();
        if (context.Wrap(plaintext, output, requestEncryption: true, out _) != NegotiateAuthenticationStatusCode.Completed)
        {
            throw new InvalidOperationException("The endpoint could not seal a response.");
        }

        var (header, data) = WindowsLayout(output.WrittenSpan.ToArray(), plaintext.Length);
        var result = new MemoryStream(header.Length + data.Length + 300);
        void Ascii(string s) => result.Write(Encoding.ASCII.GetBytes(s));
        Ascii($"{Boundary}\r\n\tContent-Type: {protocol}\r\n\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length={data.Length}\r\n");
        Ascii($"{Boundary}\r\n\tContent-Type: application/octet-stream\r\n");
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, header.Length);
        result.Write(length);
        result.Write(header);
        result.Write(data);
        Ascii($"{Boundary}--\r\n");
        return result.ToArray();
    }

    private static (byte[] Header, byte[] Data) WindowsLayout(byte[] token, int plaintextLength)
    {
        if (token[0] != 0x05 || token[1] != 0x04)
        {
            // NTLM: the 16-byte signature, then the sealed bytes.
            return (token[..^plaintextLength], token[^plaintextLength..]);
        }

        // Kerberos CFX with RRC 0: header(16) | E(confounder | data | header copy) | checksum(12).
        // Rotated right by 28 (MS-KILE 3.4.5.4.1) the data comes last: header | last 28 | confounder | data.
        const int rrc = 28;
        var rest = token.AsSpan(16);
        var header = new byte[16 + rrc + 16];
        token.AsSpan(0, 16).CopyTo(header);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), rrc);
        rest[^rrc..].CopyTo(header.AsSpan(16));
        rest[..16].CopyTo(header.AsSpan(16 + rrc));
        return (header, rest[16..^rrc].ToArray());
    }
}
