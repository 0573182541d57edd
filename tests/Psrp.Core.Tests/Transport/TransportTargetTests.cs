using Psrp.Transport;

namespace Psrp.Tests.Transport;

public class TransportTargetTests
{
    [Theory]
    [InlineData("ssh://alice@server:2222", "ssh", "alice", "server", 2222, null)]
    [InlineData("SSH://server", "ssh", null, "server", null, null)]
    [InlineData("ssh://DOMAIN\\bob@[fe80::1]:22", "ssh", "DOMAIN\\bob", "fe80::1", 22, null)]
    [InlineData("https://host:5986/wsman", "https", null, "host", 5986, "/wsman")]
    [InlineData("http://10.0.0.1:5985/wsman", "http", null, "10.0.0.1", 5985, "/wsman")]
    [InlineData("vm://4a1c2f86-6b0b-4c6a-9d3e-1a2b3c4d5e6f", "vm", null, "4a1c2f86-6b0b-4c6a-9d3e-1a2b3c4d5e6f", null, null)]
    [InlineData("vm://My%20VM", "vm", null, "My VM", null, null)]
    [InlineData("container://web1", "container", null, "web1", null, null)]
    [InlineData("process:", "process", null, null, null, null)]
    [InlineData("process:///usr/bin/pwsh", "process", null, null, null, "/usr/bin/pwsh")]
    [InlineData("loopback://anything", "loopback", null, "anything", null, null)]
    public void Parse(string text, string scheme, string? user, string? host, int? port, string? path)
    {
        var target = TransportTarget.Parse(text);
        Assert.Equal((scheme, user, host, port, path), (target.Scheme, target.UserName, target.Host, target.Port, target.Path));
        Assert.Equal(target, TransportTarget.Parse(target.ToString()));
    }

    [Theory]
    [InlineData("server")]
    [InlineData("C:\\pwsh.exe")]
    [InlineData("ssh://server:99999")]
    [InlineData("ssh://@server")]
    [InlineData("ssh://[::1")]
    [InlineData("ssh://server:abc")]
    public void Parse_RejectsBadTargets(string text) => Assert.Throws<FormatException>(() => TransportTarget.Parse(text));

    [Theory]
    [InlineData("alice@host:2200", "alice", "host", 2200)]
    [InlineData("host", null, "host", null)]
    [InlineData("[::1]:22", null, "::1", 22)]
    [InlineData("::1", null, "::1", null)]
    [InlineData("CORP\\alice@host", "CORP\\alice", "host", null)]
    [InlineData("alice@corp.example@host", "alice@corp.example", "host", null)]
    public void SshHostName(string text, string? user, string host, int? port)
    {
        var target = TransportTarget.ParseSshHostName(text);
        Assert.Equal(("ssh", user, host, port), (target.Scheme, target.UserName, target.Host, target.Port));
    }
}
