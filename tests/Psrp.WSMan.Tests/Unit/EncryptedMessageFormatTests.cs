using System.Net;
using System.Text;
using Psrp.Providers.WSMan;
using Psrp.Providers.WSMan.Http;
using Psrp.Providers.WSMan.Security;

namespace Psrp.WSMan.Tests.Unit;

/// <summary>
/// The MIME framing of WinRM message encryption: the known answer of psrp-facts GV12 (pypsrp's test
/// vector, with its mocked wrap), hostile bodies, the Windows Kerberos layout, and the refusal of a
/// plaintext answer once encryption was negotiated.
/// </summary>
public sealed class EncryptedMessageFormatTests
{
    [Fact]
    public void Encodes_the_GV12_known_answer_byte_for_byte()
    {
        var body = EncryptedMessageFormat.Encode("plaintext"u8, new MockSealer());
        var expected = "--Encrypted Boundary\r\n\tContent-Type: application/HTTP-SPNEGO-session-encrypted\r\n\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=9\r\n"
            + "--Encrypted Boundary\r\n\tContent-Type: application/octet-stream\r\n\x10\x00\x00\x00reallylongheaderplaintext-encrypted--Encrypted Boundary--\r\n";
        Assert.Equal(expected, Encoding.Latin1.GetString(body));
        Assert.Equal("multipart/encrypted;protocol=\"application/HTTP-SPNEGO-session-encrypted\";boundary=\"Encrypted Boundary\"",
            EncryptedMessageFormat.ContentType(WSManSecurityContext.SpnegoProtocol));
    }

    [Fact]
    public void Decodes_what_it_encodes_and_several_parts_of_a_multi_encrypted_body()
    {
        var sealer = new MockSealer();
        var one = EncryptedMessageFormat.Encode("<s:Envelope/>"u8, sealer);
        Assert.Equal("<s:Envelope/>", Encoding.UTF8.GetString(EncryptedMessageFormat.Decode(one, sealer, 1024).AsSpan()));

        // x-multi-encrypted: the parts follow each other, the last closes with "--".
        var first = Encoding.Latin1.GetString(EncryptedMessageFormat.Encode("first-"u8, sealer));
        var second = Encoding.Latin1.GetString(EncryptedMessageFormat.Encode("second"u8, sealer));
        var multi = first[..first.LastIndexOf("--Encrypted Boundary--", StringComparison.Ordinal)] + second;
        Assert.Equal("first-second", Encoding.UTF8.GetString(EncryptedMessageFormat.Decode(Encoding.Latin1.GetBytes(multi), sealer, 1024).AsSpan()));
    }

    [Fact]
    public void Sealed_bytes_that_spell_the_boundary_are_not_taken_for_it()
    {
        var sealer = new MockSealer();
        var body = EncryptedMessageFormat.Encode("--Encrypted Boundary--\r\n"u8, sealer);
        Assert.Equal("--Encrypted Boundary--\r\n", Encoding.UTF8.GetString(EncryptedMessageFormat.Decode(body, sealer, 1024).AsSpan()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("--Encrypted Boundary\r\n")]
    [InlineData("--Encrypted Boundary\r\n\tContent-Type: application/HTTP-SPNEGO-session-encrypted\r\n")]
    [InlineData("--Encrypted Boundary\r\n\tContent-Type: application/HTTP-Kerberos-session-encrypted\r\n\tOriginalContent: type=x;Length=9\r\n--Encrypted Boundary\r\n")]
    [InlineData("--Encrypted Boundary\r\n\tContent-Type: application/HTTP-SPNEGO-session-encrypted\r\n\tOriginalContent: type=x;Length=99999\r\n--Encrypted Boundary\r\n\tContent-Type: application/octet-stream\r\n\x10\x00\x00\x00reallylongheaderplaintext-encrypted--Encrypted Boundary--\r\n")]
    [InlineData("--Encrypted Boundary\r\n\tContent-Type: application/HTTP-SPNEGO-session-encrypted\r\n\tOriginalContent: type=x;Length=9\r\n--Encrypted Boundary\r\n\tContent-Type: application/octet-stream\r\n\xff\xff\xff\x7freallylongheader")]
    [InlineData("--Encrypted Boundary\r\n\tContent-Type: application/HTTP-SPNEGO-session-encrypted\r\n\tOriginalContent: type=x;Length=abc\r\n")]
    [InlineData("--Encrypted Boundary\r\n\tContent-Type: application/HTTP-SPNEGO-session-encrypted\r\n\tOriginalContent: type=x;Length=9\r\n--Encrypted Boundary\r\n\tContent-Type: application/octet-stream\r\n\x10\x00\x00\x00reallylongheaderplaintext-encrypted")]
    public void Malformed_bodies_are_protocol_errors(string body)
    {
        Assert.Throws<PsrpProtocolException>(() => EncryptedMessageFormat.Decode(Encoding.Latin1.GetBytes(body), new MockSealer(), 1024));
    }

    [Fact]
    public void Every_truncation_of_a_valid_body_is_a_protocol_error_and_nothing_else()
    {
        var sealer = new MockSealer();
        var body = EncryptedMessageFormat.Encode("<s:Envelope>some text</s:Envelope>"u8, sealer);
        for (var length = 0; length < body.Length - 2; length++)
        {
            Assert.Throws<PsrpProtocolException>(() => EncryptedMessageFormat.Decode(body.AsSpan(0, length), sealer, 1024));
        }
    }

    [Fact]
    public void A_decrypted_body_over_the_limit_is_refused()
    {
        var sealer = new MockSealer();
        var body = EncryptedMessageFormat.Encode(new byte[2048], sealer);
        var error = Assert.Throws<PsrpProtocolException>(() => EncryptedMessageFormat.Decode(body, sealer, 1024));
        Assert.Equal(PsrpProtocolError.LimitExceeded, error.Code);
    }

    [Fact]
    public void Kerberos_tokens_are_rotated_into_the_Windows_layout_with_the_data_last()
    {
        // An RFC 4121 wrap token for 4 bytes, RRC 0: header | confounder(16) | data(4) | header copy(16) | checksum(12).
        byte[] header = [0x05, 0x04, 0x06, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        var confounder = Enumerable.Repeat((byte)0xC0, 16).ToArray();
        byte[] data = [1, 2, 3, 4];
        var trailer = Enumerable.Repeat((byte)0xEE, 28).ToArray();
        byte[] token = [.. header, .. confounder, .. data, .. trailer];

        var split = WinRMTokenLayout.Split(token, 4);
        Assert.Equal(data, split.Data);
        Assert.Equal(60, split.Header.Length);
        Assert.Equal(28, (split.Header[6] << 8) | split.Header[7]);
        Assert.Equal(trailer, split.Header[16..44]);
        Assert.Equal(confounder, split.Header[44..60]);

        // NTLM: signature then sealed data; anything else is refused with the reason.
        byte[] ntlm = [1, 0, 0, 0, .. new byte[12], 9, 9];
        Assert.Equal([9, 9], WinRMTokenLayout.Split(ntlm, 2).Data);
        Assert.Throws<NotSupportedException>(() => WinRMTokenLayout.Split(new byte[40], 2));
    }

    [Fact]
    public async Task A_plaintext_answer_after_encryption_was_negotiated_is_refused()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("<s:Envelope/>", Encoding.UTF8, "application/soap+xml"),
        };
        var body = new EncryptedSoapBody(new MockSealer(), "server.example", Psrp.Transport.TransportPhase.Receive);
        var error = await Assert.ThrowsAsync<WSManAuthenticationException>(async () => await body.UnwrapAsync(response, 4096, CancellationToken.None));
        Assert.Equal(WSManAuthenticationFailure.EncryptionRefused, error.Failure);
        Assert.Equal("server.example", error.Host);
        Assert.Contains("plaintext", error.Message, StringComparison.Ordinal);
    }

    /// <summary>pypsrp's mock: header <c>reallylongheader</c>, data = plaintext + <c>-encrypted</c>.</summary>
    private sealed class MockSealer : IWSManMessageSealer
    {
        private static readonly byte[] Header = "reallylongheader"u8.ToArray();

        public string Protocol => WSManSecurityContext.SpnegoProtocol;

        public SealedMessage Seal(ReadOnlySpan<byte> plaintext) => new(Header, [.. plaintext, .. "-encrypted"u8]);

        public ArraySegment<byte> Unseal(ReadOnlySpan<byte> token, int headerLength)
        {
            var header = token[..headerLength];
            var data = token[headerLength..];
            if (!header.SequenceEqual(Header) || !data.EndsWith("-encrypted"u8))
            {
                throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, "mock: does not verify");
            }

            return data[..^"-encrypted".Length].ToArray();
        }
    }
}
