using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Psrp.Providers.Ssh.KnownHosts;

/// <summary>Reads the parts of an SSH public key blob (RFC 4253 §6.6) that host-key checking needs.</summary>
public static class SshKeyBlob
{
    /// <summary>The key type, the blob's first string (e.g. <c>ssh-ed25519</c>, <c>ssh-rsa</c> for every RSA signature algorithm).</summary>
    public static string KeyType(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < 4)
        {
            throw new FormatException("An SSH public key blob is shorter than its type field.");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        if (length > (uint)(blob.Length - 4) || length > 256)
        {
            throw new FormatException("An SSH public key blob has an invalid type length.");
        }

        return Encoding.ASCII.GetString(blob.Slice(4, (int)length));
    }

    /// <summary>OpenSSH's fingerprint: <c>SHA256:</c> and the unpadded base64 of the blob's SHA-256.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> blob) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');

    /// <summary>
    /// The host-key algorithms that produce keys of <paramref name="keyType"/> (RSA keys sign with
    /// <c>rsa-sha2-512</c>, <c>rsa-sha2-256</c> or the old <c>ssh-rsa</c>).
    /// </summary>
    public static IReadOnlyList<string> AlgorithmsFor(string keyType) => keyType switch
    {
        "ssh-rsa" => ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"],
        _ => [keyType],
    };
}
