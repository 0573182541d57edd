using Psrp.Providers.Ssh;
using Psrp.Providers.Ssh.KnownHosts;

namespace Psrp.Ssh.Tests.Unit;

/// <summary>known_hosts reading, matching and writing, as OpenSSH does them.</summary>
public sealed class KnownHostsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("psrp-kh-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("Server.Example.COM", 22, "server.example.com")]
    [InlineData("server", 2222, "[server]:2222")]
    [InlineData("::1", 2222, "[::1]:2222")]
    [InlineData("[::1]", 22, "::1")]
    public void HostKeyName_FollowsPutHostPort(string host, int port, string expected) =>
        Assert.Equal(expected, KnownHostsFile.HostKeyName(host, port));

    [Theory]
    [InlineData("server", "server", true)]
    [InlineData("a,server,b", "server", true)]
    [InlineData("*.example.com", "web.example.com", true)]
    [InlineData("web?.example.com", "web1.example.com", true)]
    [InlineData("web?.example.com", "web10.example.com", false)]
    [InlineData("*.example.com,!bad.example.com", "bad.example.com", false)]
    [InlineData("!bad.example.com,*.example.com", "bad.example.com", false)]
    [InlineData("SERVER", "server", true)]
    [InlineData("server", "[server]:2222", false)]
    [InlineData("[server]:2222", "[server]:2222", true)]
    [InlineData("[127.0.0.1]:*", "[127.0.0.1]:40123", true)]
    public void Patterns_MatchLikeOpenSsh(string field, string name, bool expected) =>
        Assert.Equal(expected, HostPattern.MatchesHostField(field, name));

    [Fact]
    public void HashedNames_MatchOnlyTheirHost()
    {
        var hashed = HostPattern.Hash("[127.0.0.1]:2222");
        Assert.StartsWith("|1|", hashed, StringComparison.Ordinal);
        Assert.True(HostPattern.MatchesHostField(hashed, "[127.0.0.1]:2222"));
        Assert.False(HostPattern.MatchesHostField(hashed, "[127.0.0.1]:2223"));
        Assert.False(HostPattern.MatchesHostField("|1|not base64|x", "host"));
    }

    [Fact]
    public void Read_SkipsCommentsBlankAndBrokenLines_AndKeepsMarkers()
    {
        var key = TestKeys.Blob();
        var path = Write(
            "# a comment",
            string.Empty,
            TestKeys.Line("server", key),
            "server ssh-ed25519 !!!not-base64!!!",
            "just-one-field",
            TestKeys.Line("*", key, "@revoked"),
            TestKeys.Line("*.example.com", key, "@cert-authority"),
            "@unknown-marker server ssh-ed25519 AAAA");
        var entries = KnownHostsFile.Read(path);
        Assert.Equal([KnownHostMarker.None, KnownHostMarker.Revoked, KnownHostMarker.CertAuthority], entries.Select(e => e.Marker));
        Assert.Equal(3, entries[0].Line);
        Assert.Equal($"{path}:3", entries[0].Location);
        Assert.Equal("ssh-ed25519", entries[0].KeyType);
        Assert.Equal(key, entries[0].Key);
    }

    [Fact]
    public void Lookup_Known_Unknown_Changed_Revoked()
    {
        var key = TestKeys.Blob();
        var other = TestKeys.Blob();
        var rsa = TestKeys.Blob("ssh-rsa");
        var entries = KnownHostsFile.Read(Write(
            TestKeys.Line("known", key),
            TestKeys.Line("changed", other),
            TestKeys.Line("rsa-only", rsa),
            TestKeys.Line("*", other, "@cert-authority")));

        Assert.Equal(HostKeyStatus.Known, KnownHostsLookup.Find(entries, "known", key).Status);
        Assert.Equal(HostKeyStatus.Unknown, KnownHostsLookup.Find(entries, "stranger", key).Status);
        var changed = KnownHostsLookup.Find(entries, "changed", key);
        Assert.Equal(HostKeyStatus.Changed, changed.Status);
        Assert.Equal(2, Assert.Single(changed.Entries).Line);

        // A key of another type is new, not changed (OpenSSH learns it alongside).
        Assert.Equal(HostKeyStatus.Unknown, KnownHostsLookup.Find(entries, "rsa-only", key).Status);
        Assert.Equal(["ssh-rsa"], KnownHostsLookup.KnownKeyTypes(entries, "rsa-only"));

        var revoked = KnownHostsFile.Read(Write(TestKeys.Line("known", key), TestKeys.Line("elsewhere", key, "@revoked")));
        Assert.Equal(HostKeyStatus.Revoked, KnownHostsLookup.Find(revoked, "known", key).Status);
    }

    [Fact]
    public void Append_CreatesTheFileAndFolder_AndAddsAMissingNewline()
    {
        var key = TestKeys.Blob();
        var path = Path.Combine(_dir, "new", ".ssh", "known_hosts");
        KnownHostsFile.Append(path, "[127.0.0.1]:2222", key, hashed: false);
        Assert.Equal($"[127.0.0.1]:2222 ssh-ed25519 {Convert.ToBase64String(key)}\n", File.ReadAllText(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        var existing = Path.Combine(_dir, "existing");
        File.WriteAllText(existing, "# no newline at the end");
        KnownHostsFile.Append(existing, "server", key, hashed: true);
        var lines = File.ReadAllLines(existing);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("|1|", lines[1], StringComparison.Ordinal);
        Assert.Equal(HostKeyStatus.Known, KnownHostsLookup.Find(KnownHostsFile.Read(existing), "server", key).Status);
    }

    [Fact]
    public void Verifier_AppliesStrictHostKeyChecking()
    {
        var key = TestKeys.Blob();
        var file = Path.Combine(_dir, "known_hosts");
        var settings = new SshConnectionSettings
        {
            Host = "Server",
            Port = 2222,
            UserName = "u",
            UserKnownHostsFiles = [file],
            GlobalKnownHostsFiles = [],
        };

        var strict = new HostKeyVerifier(settings, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        Assert.False(strict.Check(key));
        var rejection = Assert.IsType<SshHostKeyRejectedException>(strict.Rejection);
        Assert.Equal(HostKeyStatus.Unknown, rejection.Status);
        Assert.Equal("[server]:2222", rejection.HostName);
        Assert.Contains(SshKeyBlob.Fingerprint(key), rejection.Message, StringComparison.Ordinal);
        Assert.Contains("accept-new", rejection.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(file));

        var acceptNew = new HostKeyVerifier(settings with { StrictHostKeyChecking = StrictHostKeyChecking.AcceptNew }, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        Assert.True(acceptNew.Check(key));
        Assert.True(new HostKeyVerifier(settings, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).Check(key));

        var impostor = TestKeys.Blob();
        var again = new HostKeyVerifier(settings with { StrictHostKeyChecking = StrictHostKeyChecking.AcceptNew }, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        Assert.False(again.Check(impostor));
        Assert.Equal(HostKeyStatus.Changed, again.Rejection!.Status);
        Assert.Contains("HAS CHANGED", again.Rejection.Message, StringComparison.Ordinal);
        Assert.Contains($"{file}:1", again.Rejection.Message, StringComparison.Ordinal);

        var lax = new HostKeyVerifier(settings with { StrictHostKeyChecking = StrictHostKeyChecking.No }, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        Assert.True(lax.Check(impostor));
        Assert.True(lax.AcceptedChangedKey);
        Assert.Single(File.ReadAllLines(file));
    }

    [Fact]
    public void Verifier_HostKeyAlias_NamesTheEntry()
    {
        var key = TestKeys.Blob();
        var file = Write(TestKeys.Line("my-alias", key));
        var settings = new SshConnectionSettings { Host = "10.0.0.5", Port = 2222, UserName = "u", HostKeyAlias = "my-alias", UserKnownHostsFiles = [file], GlobalKnownHostsFiles = [] };
        Assert.True(new HostKeyVerifier(settings, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).Check(key));
    }

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N"));
        File.WriteAllLines(path, lines);
        return path;
    }
}
