using Psrp.Messages;
using Psrp.Security;
using Psrp.Serialization;

namespace Psrp.Tests.Security;

/// <summary>No exception text or ToString carries a plaintext secret or key bytes (design: secrets never in messages).</summary>
public class SecretLeakTests
{
    private const string Secret = "S3cr3t-Pa55w0rd!";
    private static readonly Version V23 = new(2, 3);
    private static readonly Version V24 = new(2, 4);

    private static void AssertNoLeak(string text, params string[] secrets)
    {
        foreach (string secret in secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static string[] Renderings(SessionKey key) =>
    [
        Convert.ToHexString(key.Bytes),
        Convert.ToBase64String(key.Bytes),
        BitConverter.ToString(key.Bytes.ToArray()),
    ];

    [Fact]
    public void SessionKey_ToStringIsRedacted()
    {
        using SessionKey key = SessionKey.Generate();

        AssertNoLeak(key.ToString(), Renderings(key));
        Assert.Contains("redacted", key.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WireValues_ToStringShowsNoContent()
    {
        using SessionKey key = SessionKey.Generate();
        using var client = new SessionKeyExchange();
        EncryptedSessionKey reply = SessionKeyWrapper.Wrap(client.PublicKey, key);
        using var plain = new SecureStringCodec(V24, V24);
        PsSecureString wire = plain.Encode(Secret);

        AssertNoLeak(reply.ToString(), reply.KeyBlob);
        AssertNoLeak(wire.ToString(), Secret, wire.EncodedValue);
    }

    [Fact]
    public void DecryptFailures_DoNotEchoTheValueOrTheKey()
    {
        using SessionKey senderKey = SessionKey.Generate();
        using SessionKey receiverKey = SessionKey.Generate();
        using var sender = new SecureStringCodec(V23, V23);
        using var receiver = new SecureStringCodec(V23, V23);
        sender.SetSessionKey(senderKey);
        receiver.SetSessionKey(receiverKey);
        PsSecureString wire = sender.Encode(Secret);

        var failures = new List<Exception>();
        for (int i = 0; i < 8 && failures.Count == 0; i++)
        {
            // Retry with fresh ciphertext in the unlikely case the wrong key leaves valid padding.
            try
            {
                receiver.Decode(i == 0 ? wire : sender.Encode(Secret + i));
            }
            catch (PsrpProtocolException ex)
            {
                failures.Add(ex);
            }
        }

        failures.Add(Assert.Throws<PsrpProtocolException>(() => receiver.Decode(new PsSecureString(Secret))));
        failures.Add(Assert.Throws<PsrpProtocolException>(() => receiver.Decode(new PsSecureString(wire.EncodedValue[..^4]))));

        Assert.Equal(3, failures.Count);
        foreach (Exception ex in failures)
        {
            AssertNoLeak(ex.ToString(), [Secret, wire.EncodedValue, .. Renderings(senderKey), .. Renderings(receiverKey)]);
        }
    }

    [Fact]
    public void PlainTextModeFailures_DoNotEchoTheValue()
    {
        using var codec = new SecureStringCodec(V24, V24);
        string oddLength = Convert.ToBase64String(System.Text.Encoding.Unicode.GetBytes(Secret).Append((byte)0).ToArray());

        var badBase64 = Assert.Throws<PsrpProtocolException>(() => codec.Decode(new PsSecureString(Secret)));
        var odd = Assert.Throws<PsrpProtocolException>(() => codec.Decode(new PsSecureString(oddLength)));

        AssertNoLeak(badBase64.ToString(), Secret);
        AssertNoLeak(odd.ToString(), Secret, oddLength);
    }

    [Fact]
    public void KeyExchangeFailures_DoNotEchoTheBlobs()
    {
        using SessionKey key = SessionKey.Generate();
        using var intended = new SessionKeyExchange();
        using var other = new SessionKeyExchange();
        EncryptedSessionKey reply = SessionKeyWrapper.Wrap(intended.PublicKey, key);
        string truncated = reply.KeyBlob[..^8];

        var wrongKey = Assert.Throws<PsrpProtocolException>(() => other.DecryptSessionKey(reply));
        var badBlob = Assert.Throws<PsrpProtocolException>(() => other.DecryptSessionKey(new EncryptedSessionKey(truncated)));
        var badPublic = Assert.Throws<PsrpProtocolException>(() => SessionKeyWrapper.Wrap(new PublicKey(Secret), key));

        foreach (Exception ex in new Exception[] { wrongKey, badBlob, badPublic })
        {
            AssertNoLeak(ex.ToString(), [Secret, reply.KeyBlob, truncated, reply.KeyBlob[16..48], .. Renderings(key)]);
        }
    }
}
