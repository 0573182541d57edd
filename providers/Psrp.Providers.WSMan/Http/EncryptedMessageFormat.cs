using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Psrp.Providers.WSMan.Security;

namespace Psrp.Providers.WSMan.Http;

/// <summary>
/// The MIME framing of WinRM's HTTP message encryption (MS-WSMV 2.2.9.1; psrp-facts §10.2, GV12): a
/// <c>multipart/encrypted</c> body of two parts per message — the protocol and the original length,
/// then <c>application/octet-stream</c> holding a 4-byte little-endian header length, the header and the
/// sealed data — closed by <c>--Encrypted Boundary--</c>. Responses may also be
/// <c>multipart/x-multi-encrypted</c> (several such pairs). Parsing treats the body as hostile: every
/// length is checked, nothing is searched without a bound, and failures are <see cref="PsrpProtocolException"/>.
/// </summary>
public static class EncryptedMessageFormat
{
    /// <summary>The boundary WinRM and its clients use.</summary>
    public const string Boundary = "Encrypted Boundary";

    /// <summary>The outer media type of a single encrypted message.</summary>
    public const string MultipartEncrypted = "multipart/encrypted";

    /// <summary>The outer media type of a body made of several encrypted messages.</summary>
    public const string MultipartMultiEncrypted = "multipart/x-multi-encrypted";

    private const string OriginalType = "application/soap+xml;charset=UTF-8";
    private const int MaxHeaderLine = 1024;
    private const int MaxSignatureLength = 4096;

    // Length counts padding a block cipher adds: at most one block.
    private const int MaxPadding = 16;

    /// <summary>The request's <c>Content-Type</c> value for <paramref name="protocol"/>.</summary>
    public static string ContentType(string protocol) =>
        $"{MultipartEncrypted};protocol=\"{protocol}\";boundary=\"{Boundary}\"";

    /// <summary>Seals <paramref name="envelope"/> and frames it as one <c>multipart/encrypted</c> body.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> envelope, IWSManMessageSealer sealer)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        var sealedMessage = sealer.Seal(envelope);
        var head = Encoding.ASCII.GetBytes(
            $"--{Boundary}\r\n\tContent-Type: {sealer.Protocol}\r\n\tOriginalContent: type={OriginalType};Length={(envelope.Length + sealedMessage.Padding).ToString(CultureInfo.InvariantCulture)}\r\n" +
            $"--{Boundary}\r\n\tContent-Type: application/octet-stream\r\n");
        var tail = Encoding.ASCII.GetBytes($"--{Boundary}--\r\n");
        var body = new byte[head.Length + 4 + sealedMessage.Header.Length + sealedMessage.Data.Length + tail.Length];
        var at = 0;
        head.CopyTo(body, at);
        at += head.Length;
        BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(at), sealedMessage.Header.Length);
        at += 4;
        sealedMessage.Header.CopyTo(body, at);
        at += sealedMessage.Header.Length;
        sealedMessage.Data.CopyTo(body, at);
        at += sealedMessage.Data.Length;
        tail.CopyTo(body, at);
        return body;
    }

    /// <summary>True when <paramref name="mediaType"/> is one of the two encrypted body types.</summary>
    public static bool IsEncrypted(string? mediaType) =>
        string.Equals(mediaType, MultipartEncrypted, StringComparison.OrdinalIgnoreCase)
        || string.Equals(mediaType, MultipartMultiEncrypted, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Unseals every message in <paramref name="body"/> and returns their plaintext joined; refuses a
    /// body whose parts name another protocol than <paramref name="sealer"/>'s, whose lengths do not add
    /// up, or whose plaintext would exceed <paramref name="maxLength"/>.
    /// </summary>
    public static ArraySegment<byte> Decode(ReadOnlySpan<byte> body, IWSManMessageSealer sealer, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        var open = Encoding.ASCII.GetBytes($"--{Boundary}");
        var output = new List<ArraySegment<byte>>();
        var total = 0L;
        var at = 0;
        Expect(body, ref at, open, "the opening boundary");
        while (true)
        {
            ExpectLineEnd(body, ref at);

            // Part one: the protocol and the original length.
            string? protocol = null;
            long? length = null;
            while (!StartsWith(body, at, open))
            {
                var line = ReadLine(body, ref at);
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    throw Malformed($"a part header line '{Printable(line)}' has no name");
                }

                var name = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    protocol = value;
                }
                else if (name.Equals("OriginalContent", StringComparison.OrdinalIgnoreCase))
                {
                    length = OriginalLength(value);
                }
            }

            if (!string.Equals(protocol, sealer.Protocol, StringComparison.OrdinalIgnoreCase))
            {
                throw Malformed($"a part is '{Printable(protocol ?? "(none)")}', not the negotiated {sealer.Protocol}");
            }

            if (length is not { } expected)
            {
                throw Malformed("a part has no OriginalContent length");
            }

            // Part two: the octet stream.
            Expect(body, ref at, open, "the boundary before the encrypted data");
            ExpectLineEnd(body, ref at);
            var octets = ReadLine(body, ref at);
            if (!octets.Contains("application/octet-stream", StringComparison.OrdinalIgnoreCase))
            {
                throw Malformed($"the encrypted part is '{Printable(octets)}', not application/octet-stream");
            }

            if (body.Length - at < 4)
            {
                throw Malformed("the encrypted part ends before its header length");
            }

            var headerLength = BinaryPrimitives.ReadInt32LittleEndian(body[at..]);
            at += 4;
            if (headerLength < 0 || headerLength > MaxSignatureLength || headerLength > body.Length - at)
            {
                throw Malformed($"the encrypted part's header length {headerLength} is out of range");
            }

            var headerStart = at;
            at += headerLength;
            if (total + expected > maxLength)
            {
                throw new PsrpProtocolException(PsrpProtocolError.LimitExceeded, $"The server's decrypted response would exceed the limit of {maxLength} bytes.");
            }

            // The data is at least Length bytes (the plaintext and any padding); the boundary is
            // searched for only after that, so sealed bytes that spell it are never taken for it.
            if (expected > body.Length - at)
            {
                throw Malformed($"the encrypted data is shorter than its OriginalContent length {expected}");
            }

            var end = body[(at + (int)expected)..].IndexOf(open);
            if (end < 0)
            {
                throw Malformed("the encrypted data is not followed by a boundary");
            }

            var dataLength = (int)expected + end;
            at += dataLength;
            var plaintext = sealer.Unseal(body.Slice(headerStart, headerLength + dataLength), headerLength);
            if (plaintext.Count > expected || expected - plaintext.Count > MaxPadding)
            {
                throw Malformed($"the decrypted length {plaintext.Count} does not match the OriginalContent length {expected}");
            }

            total += plaintext.Count;

            output.Add(plaintext);
            Expect(body, ref at, open, "a boundary");
            if (StartsWith(body, at, "--"u8))
            {
                break;
            }
        }

        if (output.Count == 1)
        {
            return output[0];
        }

        var joined = new byte[total];
        var offset = 0;
        foreach (var part in output)
        {
            part.AsSpan().CopyTo(joined.AsSpan(offset));
            offset += part.Count;
        }

        return joined;
    }

    private static long OriginalLength(string value)
    {
        foreach (var parameter in value.Split(';'))
        {
            var eq = parameter.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && parameter[..eq].Trim().Equals("Length", StringComparison.OrdinalIgnoreCase))
            {
                return long.TryParse(parameter[(eq + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= int.MaxValue
                    ? n
                    : throw Malformed($"the OriginalContent length '{Printable(parameter)}' is not a number");
            }
        }

        throw Malformed("the OriginalContent header has no Length");
    }

    private static void Expect(ReadOnlySpan<byte> body, ref int at, ReadOnlySpan<byte> what, string name)
    {
        if (!StartsWith(body, at, what))
        {
            throw Malformed($"{name} is missing at byte {at}");
        }

        at += what.Length;
    }

    private static void ExpectLineEnd(ReadOnlySpan<byte> body, ref int at)
    {
        if (!StartsWith(body, at, "\r\n"u8))
        {
            throw Malformed($"a boundary is not followed by a line end at byte {at}");
        }

        at += 2;
    }

    private static bool StartsWith(ReadOnlySpan<byte> body, int at, ReadOnlySpan<byte> what) =>
        at <= body.Length && body[at..].StartsWith(what);

    private static string ReadLine(ReadOnlySpan<byte> body, ref int at)
    {
        var rest = body[at..];
        var end = rest[..Math.Min(rest.Length, MaxHeaderLine)].IndexOf("\r\n"u8);
        if (end < 0)
        {
            throw Malformed($"a part header line at byte {at} has no end within {MaxHeaderLine} bytes");
        }

        at += end + 2;
        return Encoding.ASCII.GetString(rest[..end]);
    }

    private static string Printable(string text) =>
        new(text.Take(80).Select(c => char.IsControl(c) && c != '\t' ? '?' : c).ToArray());

    private static PsrpProtocolException Malformed(string what) =>
        new(PsrpProtocolError.InvalidValue, $"The encrypted WSMan body is malformed: {what}.");
}
