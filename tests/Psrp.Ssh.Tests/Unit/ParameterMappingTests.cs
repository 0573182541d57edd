using Psrp.Providers.OpenSsh;
using Psrp.Providers.Ssh;
using Psrp.Transport;

namespace Psrp.Ssh.Tests.Unit;

/// <summary>Enter-PSSession's SSH parameters onto the in-process settings and onto PowerShell's ssh command line.</summary>
public class ParameterMappingTests
{
    private static (SshConnectionSettings Settings, SshChannelTarget Target) Map(SessionParameters p) =>
        SshSessionParameters.Map(new TransportConnectRequest(p.Resolve().Target, p));

    [Theory]
    [InlineData("alice@server:2222", "server", 2222, "alice")]
    [InlineData("server", "server", 22, null)]
    [InlineData("alice@[::1]:2222", "::1", 2222, "alice")]
    [InlineData("[fe80::1]", "fe80::1", 22, null)]
    [InlineData("fe80::1", "fe80::1", 22, null)]
    [InlineData(@"CONTOSO\alice@server", "server", 22, @"CONTOSO\alice")]
    [InlineData("alice@contoso.com@server:2200", "server", 2200, "alice@contoso.com")]
    public void HostName_GivesHostPortAndUser(string hostName, string host, int port, string? user)
    {
        var (settings, target) = Map(new SessionParameters { HostName = hostName });
        Assert.Equal(host, settings.Host);
        Assert.Equal(port, settings.Port);
        Assert.Equal(user ?? Environment.UserName, settings.UserName);
        Assert.Equal(SshChannelTarget.PowerShellSubsystem, target);
    }

    [Fact]
    public void DomainBackslashUser_GoesOnTheWireAsUserAtDomain()
    {
        var (settings, _) = Map(new SessionParameters { HostName = @"CONTOSO\alice@server" });
        Assert.Equal("alice@CONTOSO", settings.WireUserName);
        Assert.Equal("alice@CONTOSO", OpenSshCommandLine.SshUserName(@"CONTOSO\alice"));
    }

    [Fact]
    public void Precedence_HostNameThenParametersThenOptionsThenCredential()
    {
        var options = new Dictionary<string, string> { ["user"] = "opt-user", ["PORT"] = "2000", ["IdentityFile"] = "/keys/opt" };
        var (fromOptions, _) = Map(new SessionParameters { HostName = "server", Options = options, Credential = new PsrpCredential("cred-user", "pw") });
        Assert.Equal(("opt-user", 2000), (fromOptions.UserName, fromOptions.Port));
        Assert.Equal(["/keys/opt"], fromOptions.IdentityFiles);

        var (fromParameters, _) = Map(new SessionParameters { HostName = "server", UserName = "param-user", Port = 2100, KeyFilePath = "/keys/param", Options = options });
        Assert.Equal(("param-user", 2100), (fromParameters.UserName, fromParameters.Port));
        Assert.Equal(["/keys/param", "/keys/opt"], fromParameters.IdentityFiles);

        var (fromHostName, _) = Map(new SessionParameters { HostName = "host-user@server:2200", UserName = "param-user", Port = 2100 });
        Assert.Equal(("host-user", 2200), (fromHostName.UserName, fromHostName.Port));

        var (fromCredential, _) = Map(new SessionParameters { HostName = "server", Credential = new PsrpCredential("cred-user", "pw") });
        Assert.Equal("cred-user", fromCredential.UserName);
    }

    [Fact]
    public void CredentialPassword_IsPasswordAndPassphrase_AndNeverShown()
    {
        var (settings, _) = Map(new SessionParameters { HostName = "server", Credential = new PsrpCredential("alice", "s3cret!") });
        Assert.Equal("s3cret!", settings.Password);
        Assert.Equal("s3cret!", settings.KeyPassphrase);
        Assert.DoesNotContain("s3cret!", settings.ToString(), StringComparison.Ordinal);

        var (keyOnly, _) = Map(new SessionParameters { HostName = "server", Credential = new PsrpCredential("alice", string.Empty) });
        Assert.Null(keyOnly.Password);
    }

    [Fact]
    public void SubsystemRemoteCommandAndTimeouts()
    {
        Assert.Equal(SshChannelTarget.ForSubsystem("pwsh7"), Map(new SessionParameters { HostName = "server", Subsystem = "pwsh7" }).Target);
        var (settings, exec) = Map(new SessionParameters
        {
            HostName = "server",
            ConnectingTimeout = 1500,
            Options = new Dictionary<string, string> { ["RemoteCommand"] = "pwsh -sshs -NoLogo", ["ConnectTimeout"] = "7", ["ServerAliveInterval"] = "30" },
        });
        Assert.Equal("pwsh -sshs -NoLogo", exec.Command);
        Assert.Null(exec.Subsystem);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), settings.ConnectingTimeout);
        Assert.Equal(TimeSpan.FromSeconds(7), settings.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.ServerAliveInterval);

        var both = Assert.Throws<SessionParameterException>(() => Map(new SessionParameters
        {
            HostName = "server",
            Subsystem = "powershell",
            Options = new Dictionary<string, string> { ["RemoteCommand"] = "pwsh -sshs" },
        }));
        Assert.Contains("RemoteCommand", both.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_AreCaseInsensitiveOpenSshNames()
    {
        var options = OpenSshOptions.Parse(new Dictionary<string, string>
        {
            ["stricthostkeychecking"] = "accept-new",
            ["UserKnownHostsFile"] = "/a/known_hosts /b/known_hosts",
            ["GlobalKnownHostsFile"] = "none",
            ["HashKnownHosts"] = "yes",
            ["HostKeyAlias"] = "alias",
            ["PasswordAuthentication"] = "no",
            ["KbdInteractiveAuthentication"] = "no",
            ["PubkeyAuthentication"] = "yes",
            ["PreferredAuthentications"] = "password,gssapi-with-mic,publickey",
            ["BatchMode"] = "yes",
            ["IdentitiesOnly"] = "yes",
            ["HostName"] = "real.example.com",
        });
        var settings = options.ApplyTo(new SshConnectionSettings { Host = "h", UserName = "u" });
        Assert.Equal(StrictHostKeyChecking.AcceptNew, settings.StrictHostKeyChecking);
        Assert.Equal(["/a/known_hosts", "/b/known_hosts"], settings.UserKnownHostsFiles);
        Assert.Empty(settings.GlobalKnownHostsFiles);
        Assert.True(settings.HashKnownHosts);
        Assert.Equal("alias", settings.HostKeyAlias);
        Assert.False(settings.PasswordAuthentication);
        Assert.False(settings.KeyboardInteractiveAuthentication);
        Assert.Equal(["password", "publickey"], settings.PreferredAuthentications);
        Assert.Equal("real.example.com", options.HostName);
    }

    [Fact]
    public void SecureByDefault()
    {
        var settings = new SshConnectionSettings { Host = "h", UserName = "u" };
        Assert.Equal(StrictHostKeyChecking.Yes, settings.StrictHostKeyChecking);
        Assert.False(settings.HashKnownHosts);
        Assert.Equal(["~/.ssh/known_hosts", "~/.ssh/known_hosts2"], settings.UserKnownHostsFiles);
    }

    [Theory]
    [InlineData("ProxyJump", "bastion")]
    [InlineData("ForwardAgent", "yes")]
    [InlineData("GSSAPIAuthentication", "yes")]
    [InlineData("Compresion", "yes")]
    public void UnsupportedOptions_AreNamed_AndPointToTheOpenSshProvider(string name, string value)
    {
        var ex = Assert.Throws<SessionParameterException>(() => OpenSshOptions.Parse(new Dictionary<string, string> { [name] = value }));
        Assert.Contains($"'{name}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("openssh", ex.Message, StringComparison.Ordinal);
        Assert.Contains("StrictHostKeyChecking", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("StrictHostKeyChecking", "ask", "terminal")]
    [InlineData("StrictHostKeyChecking", "maybe", "accept-new")]
    [InlineData("Port", "70000", "port number")]
    [InlineData("ConnectTimeout", "0", "seconds")]
    [InlineData("PasswordAuthentication", "sometimes", "yes or no")]
    [InlineData("PreferredAuthentications", "hostbased", "publickey")]
    public void BadValues_SayWhatIsExpected(string name, string value, string expected)
    {
        var ex = Assert.Throws<SessionParameterException>(() => OpenSshOptions.Parse(new Dictionary<string, string> { [name] = value }));
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenSshCommandLine_IsPowerShells()
    {
        var key = Path.GetTempFileName();
        try
        {
            var p = new SessionParameters
            {
                HostName = @"CONTOSO\alice@[::1]:2222",
                KeyFilePath = key,
                Options = new Dictionary<string, string> { ["StrictHostKeyChecking"] = "yes", ["ProxyJump"] = "bastion" },
            };
            var line = OpenSshCommandLine.Build(new TransportConnectRequest(p.Resolve().Target, p));
            Assert.Equal("ssh", line.FileName);
            Assert.Equal(["-i", key, "-l", "alice@CONTOSO", "-p", "2222", "-o", "StrictHostKeyChecking=yes", "-o", "ProxyJump=bastion", "-s", "::1", "powershell"], line.Arguments);

            var plain = new SessionParameters { HostName = "server", Subsystem = "pwsh7", ProviderSettings = new Dictionary<string, string> { ["SshPath"] = "/opt/ssh" } };
            var plainLine = OpenSshCommandLine.Build(new TransportConnectRequest(plain.Resolve().Target, plain));
            Assert.Equal("/opt/ssh", plainLine.FileName);
            Assert.Equal(["-s", "server", "pwsh7"], plainLine.Arguments);

            var exec = new SessionParameters { HostName = "server", Options = new Dictionary<string, string> { ["RemoteCommand"] = "pwsh -sshs" } };
            Assert.Equal(["-o", "RemoteCommand=pwsh -sshs", "server"], OpenSshCommandLine.Build(new TransportConnectRequest(exec.Resolve().Target, exec)).Arguments);
        }
        finally
        {
            File.Delete(key);
        }
    }

    [Fact]
    public void OpenSshCommandLine_RefusesWhatSshCannotTake()
    {
        var missingKey = new SessionParameters { HostName = "server", KeyFilePath = "/no/such/key" };
        Assert.Contains("/no/such/key", Assert.Throws<SessionParameterException>(() => OpenSshCommandLine.Build(new TransportConnectRequest(missingKey.Resolve().Target, missingKey))).Message, StringComparison.Ordinal);

        var password = new SessionParameters { HostName = "server", Credential = new PsrpCredential("alice", "s3cret!") };
        var ex = Assert.Throws<SessionParameterException>(() => OpenSshCommandLine.Build(new TransportConnectRequest(password.Resolve().Target, password)));
        Assert.DoesNotContain("s3cret!", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ssh provider", ex.Message, StringComparison.Ordinal);
    }
}
