using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Psrp.Ssh.Tests.Unit;

/// <summary>Builds SSH public key blobs for the known_hosts tests (random bytes: only the framing matters).</summary>
internal static class TestKeys
{
    public static byte[] Blob(string type = "ssh-ed25519")
    {
        var name = Encoding.ASCII.GetBytes(type);
        var body = RandomNumberGenerator.GetBytes(32);
        var blob = new byte[4 + name.Length + 4 + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(blob, name.Length);
        name.CopyTo(blob, 4);
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(4 + name.Length), body.Length);
        body.CopyTo(blob, 8 + name.Length);
        return blob;
    }

    public static string Line(string hosts, byte[] blob, string? marker = null) =>
        $"{(marker is null ? string.Empty : marker + " ")}{hosts} {Providers.Ssh.KnownHosts.SshKeyBlob.KeyType(blob)} {Convert.ToBase64String(blob)} comment";
}
