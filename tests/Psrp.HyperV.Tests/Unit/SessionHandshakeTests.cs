using Psrp.Providers.HyperV;
using Psrp.Providers.HyperV.Handshake;
using static Psrp.HyperV.Tests.Unit.Wire;

namespace Psrp.HyperV.Tests.Unit;

/// <summary>The V2 session connection byte for byte (psrp-facts §8.4 step 5; PowerShell's PerformTransportVersionAndTokenExchange).</summary>
public class SessionHandshakeTests
{
    [Fact]
    public void VersionExchange_ThenTheToken_ThenPass()
    {
        var (sent, version) = Run(new SessionHandshake("aGVsbG8="), A("VERSION_2"), A("PASS"), A("PASS"));

        Assert.Equal([A("VERSION"), A("VERSION_2"), A("TOKEN aGVsbG8="), []], sent);
        Assert.Equal("VERSION_2", version);
    }

    [Fact]
    public void TheTokenStep_IsSecret()
    {
        var machine = new SessionHandshake("t");
        machine.Start();
        machine.Receive(A("VERSION_2"));

        var tokenStep = Assert.IsType<SendAndReceive<string>>(machine.Receive(A("PASS")));

        Assert.True(tokenStep.IsSecret);
        Assert.Equal(256, tokenStep.ReplyLimit);
    }

    [Fact]
    public void ARejectedToken_IsTokenRejected_WithoutTheToken()
    {
        var (sent, error) = RunToError<string, PowerShellDirectException>(new SessionHandshake("the-token"), A("VERSION_2"), A("PASS"), A("FAIL"));

        Assert.Equal(3, sent.Count);
        Assert.Equal(PowerShellDirectError.TokenRejected, error.Error);
        Assert.DoesNotContain("the-token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASessionWithoutVersionTwo_IsAProtocolError()
    {
        var (_, error) = RunToError<string, PowerShellDirectException>(new SessionHandshake("t"), A("PASS"));

        Assert.Equal(PowerShellDirectError.InvalidResponse, error.Error);
    }

    [Fact]
    public void AVersionAckOtherThanPass_IsAProtocolError_BeforeTheTokenIsSent()
    {
        var (sent, error) = RunToError<string, PowerShellDirectException>(new SessionHandshake("t"), A("VERSION_2"), A("FAIL"));

        Assert.Equal(PowerShellDirectError.InvalidResponse, error.Error);
        Assert.Equal([A("VERSION"), A("VERSION_2")], sent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void NoToken_FailsBeforeAnythingIsSent(string? token)
    {
        var error = Assert.Throws<PowerShellDirectException>(() => new SessionHandshake(token));

        Assert.Equal(PowerShellDirectError.MissingToken, error.Error);
    }

    [Fact]
    public void AClosedConnection_IsReported()
    {
        var (_, error) = RunToError<string, PowerShellDirectException>(new SessionHandshake("t"), A("VERSION_2"), []);

        Assert.Equal(PowerShellDirectError.ConnectionClosed, error.Error);
    }
}
