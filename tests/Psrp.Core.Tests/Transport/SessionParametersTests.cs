using Psrp.Transport;

namespace Psrp.Tests.Transport;

/// <summary>The seed's parameter sets: what combines, what conflicts, what is mandatory.</summary>
public class SessionParametersTests
{
    [Fact]
    public void NoTarget_IsALocalSession()
    {
        var (set, target) = new SessionParameters().Resolve();
        Assert.Equal(SessionParameterSet.Local, set);
        Assert.Equal("process", target.Scheme);
        Assert.Equal("localhost", target.DisplayName);
    }

    [Fact]
    public void ComputerName_BuildsTheWSManUri()
    {
        Assert.Equal("http://server:5985/wsman", new SessionParameters { ComputerName = "server" }.Resolve().Target.ToString());
        Assert.Equal("https://server:5986/wsman", new SessionParameters { ComputerName = "server", UseSsl = true }.Resolve().Target.ToString());
        Assert.Equal("https://server:8443/custom", new SessionParameters { ComputerName = "server", UseSsl = true, Port = 8443, ApplicationName = "custom" }.Resolve().Target.ToString());
    }

    [Fact]
    public void ConnectionUri_WithoutPort_UsesTheSchemesStandardPort() =>
        Assert.Equal(443, new SessionParameters { ConnectionUri = new Uri("https://server/wsman") }.Resolve().Target.Port);

    [Fact]
    public void HostName_UserAndPortInsideWinOverTheParameters()
    {
        var target = new SessionParameters { HostName = "alice@server:2222", UserName = "bob", Port = 22 }.Resolve().Target;
        Assert.Equal(("alice", 2222), (target.UserName, target.Port));
        var plain = new SessionParameters { HostName = "server", UserName = "bob", Port = 2200 }.Resolve().Target;
        Assert.Equal(("bob", 2200), (plain.UserName, plain.Port));
    }

    [Fact]
    public void SshTransport_TurnsComputerNameIntoAnSshHost() =>
        Assert.Equal("ssh", new SessionParameters { ComputerName = "server", SshTransport = true }.Resolve().Target.Scheme);

    [Theory]
    [InlineData("ComputerName+HostName")]
    [InlineData("VMId+ContainerId")]
    [InlineData("Target+ComputerName")]
    public void TwoTargets_Conflict(string which)
    {
        var p = which switch
        {
            "ComputerName+HostName" => new SessionParameters { ComputerName = "a", HostName = "b" },
            "VMId+ContainerId" => new SessionParameters { VMId = Guid.NewGuid(), ContainerId = "c", Credential = new PsrpCredential("u", "p") },
            _ => new SessionParameters { Target = "ssh://a", ComputerName = "b" },
        };
        var ex = Assert.Throws<SessionParameterException>(() => p.Resolve());
        Assert.Contains("Parameter set cannot be resolved", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParameterOfAnotherSet_IsNamed()
    {
        var ex = Assert.Throws<SessionParameterException>(() => new SessionParameters { HostName = "h", UseSsl = true }.Resolve());
        Assert.Contains("-UseSSL cannot be used with -HostName", ex.Message, StringComparison.Ordinal);

        ex = Assert.Throws<SessionParameterException>(() => new SessionParameters { ContainerId = "c", KeyFilePath = "/k" }.Resolve());
        Assert.Contains("-KeyFilePath", ex.Message, StringComparison.Ordinal);

        ex = Assert.Throws<SessionParameterException>(() => new SessionParameters { ComputerName = "c", Subsystem = "x" }.Resolve());
        Assert.Contains("-Subsystem", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VM_NeedsACredential()
    {
        var ex = Assert.Throws<SessionParameterException>(() => new SessionParameters { VMName = "vm1" }.Resolve());
        Assert.Contains("-Credential is mandatory", ex.Message, StringComparison.Ordinal);
        Assert.Equal("vm://vm1", new SessionParameters { VMName = "vm1", Credential = new PsrpCredential("u", "p") }.Resolve().Target.ToString());
    }

    [Fact]
    public void SshTransportAlone_IsMissingItsHost() =>
        Assert.Throws<SessionParameterException>(() => new SessionParameters { SshTransport = true }.Resolve());

    [Fact]
    public void BadPort_IsRejected() =>
        Assert.Throws<SessionParameterException>(() => new SessionParameters { ComputerName = "c", Port = 0 }.Resolve());

    [Fact]
    public void Credential_NeverShowsThePassword()
    {
        var credential = new PsrpCredential("CORP\\alice", "hunter2-secret");
        Assert.DoesNotContain("hunter2", credential.ToString(), StringComparison.Ordinal);
        Assert.Equal(("CORP", "alice"), (credential.Domain, credential.User));
        Assert.DoesNotContain("hunter2", new SessionParameters { VMName = "v", Credential = credential }.ToString(), StringComparison.Ordinal);
        Assert.Equal(("example.com", "bob"), (new PsrpCredential("bob@example.com", "x").Domain, new PsrpCredential("bob@example.com", "x").User));
    }
}
