using Psrp.Providers.HyperV;
using Psrp.Providers.HyperV.Handshake;
using static Psrp.HyperV.Tests.Unit.Wire;

namespace Psrp.HyperV.Tests.Unit;

/// <summary>
/// The broker conversation byte for byte (psrp-facts §8.2-§8.4, PowerShell's
/// RemoteSessionHyperVSocketClient.ExchangeCredentialsAndConfiguration): against a VERSION_2 broker,
/// an old broker, a wrong password, a missing token, and the legacy flow after the downgrade.
/// </summary>
public class BrokerHandshakeTests
{
    private const string Password = "Pa55-w0rd!";
    private static readonly byte[] Pass = A("PASS");
    private static readonly byte[] Fail = A("FAIL");
    private static readonly byte[] Conf = A("CONF");

    [Fact]
    public void NewBroker_VersionTwo_CredentialThenToken()
    {
        var machine = new BrokerHandshake(BrokerProtocol.Version2, null, "admin", Password, null);

        var (sent, outcome) = Run(machine, A("VERSION_2"), Pass, Pass, Pass, Pass, Conf, A("TOKEN aGVsbG8gd29ybGQ="));

        Assert.Equal(
            [A("VERSION"), A("VERSION_2"), U("localhost"), U("admin"), A("NONEMPTYPW"), U(Password), A("EMPTYCF"), A("PASS")],
            sent);
        Assert.Equal("aGVsbG8gd29ybGQ=", Assert.IsType<BrokerOutcome.Accepted>(outcome).Token);
    }

    [Fact]
    public void NewBroker_WithDomainAndConfigurationName_SendsThemAsUtf16()
    {
        var machine = new BrokerHandshake(BrokerProtocol.Version2, "CONTOSO", "admin", Password, "Microsoft.PowerShell");

        var (sent, outcome) = Run(machine, A("VERSION_2"), Pass, Pass, Pass, Pass, Conf, Pass, A("TOKEN TQ"));

        Assert.Equal(
            [A("VERSION"), A("VERSION_2"), U("CONTOSO"), U("admin"), A("NONEMPTYPW"), U(Password), A("NONEMPTYCF"), U("Microsoft.PowerShell"), A("PASS")],
            sent);
        Assert.Equal("TQ", Assert.IsType<BrokerOutcome.Accepted>(outcome).Token);
    }

    [Fact]
    public void EmptyPassword_SendsEmptyPw_AndNoPasswordBytes()
    {
        var machine = new BrokerHandshake(BrokerProtocol.Version2, "localhost", "guest", string.Empty, null);

        var (sent, _) = Run(machine, A("VERSION_3"), Pass, Pass, Pass, Conf, A("TOKEN t"));

        Assert.Equal([A("VERSION"), A("VERSION_2"), U("localhost"), U("guest"), A("EMPTYPW"), A("EMPTYCF"), A("PASS")], sent);
    }

    [Fact]
    public void OldBroker_IsProbedWithAnImpossibleUser_ThenReported()
    {
        // An old broker reads "VERSION" as the domain and answers PASS, then fails the probe user.
        var machine = new BrokerHandshake(BrokerProtocol.Version2, null, "admin", Password, null);

        var (sent, outcome) = Run(machine, Pass, Pass, Fail);

        Assert.Equal([A("VERSION"), U("?<PSDirectVMLegacy>"), A("EMPTYPW"), A("FAIL")], sent);
        Assert.IsType<BrokerOutcome.LegacyBroker>(outcome);
        Assert.DoesNotContain(sent, m => m.AsSpan().IndexOf(U(Password)) >= 0);
    }

    [Fact]
    public void Legacy_CredentialAndConfiguration_NoVersionNoToken()
    {
        var machine = new BrokerHandshake(BrokerProtocol.Legacy, @"WORKGROUP", "admin", Password, "JEA");

        var (sent, outcome) = Run(machine, Pass, Pass, Pass, Conf, Pass);

        Assert.Equal([U("WORKGROUP"), U("admin"), A("NONEMPTYPW"), U(Password), A("NONEMPTYCF"), U("JEA")], sent);
        Assert.Null(Assert.IsType<BrokerOutcome.Accepted>(outcome).Token);
    }

    [Fact]
    public void Legacy_WithoutConfiguration_EndsWithEmptyCf()
    {
        var (sent, outcome) = Run(new BrokerHandshake(BrokerProtocol.Legacy, null, "admin", Password, null), Pass, Pass, Pass, Conf);

        Assert.Equal([U("localhost"), U("admin"), A("NONEMPTYPW"), U(Password), A("EMPTYCF")], sent);
        Assert.Null(Assert.IsType<BrokerOutcome.Accepted>(outcome).Token);
    }

    [Fact]
    public void Legacy_AGuestWithoutConfigurations_AnswersPass_AndIsAcknowledged()
    {
        var (sent, outcome) = Run(new BrokerHandshake(BrokerProtocol.Legacy, null, "admin", Password, "Ignored"), Pass, Pass, Pass, Pass);

        Assert.Equal([U("localhost"), U("admin"), A("NONEMPTYPW"), U(Password), A("PASS")], sent);
        Assert.IsType<BrokerOutcome.Accepted>(outcome);
    }

    [Theory]
    [InlineData(BrokerProtocol.Version2)]
    [InlineData(BrokerProtocol.Legacy)]
    public void WrongPassword_IsAnsweredWithFail_AndReported(BrokerProtocol protocol)
    {
        var machine = new BrokerHandshake(protocol, null, "admin", "wrong", null);
        byte[][] replies = protocol == BrokerProtocol.Version2 ? [A("VERSION_2"), Pass, Pass, Pass, Pass, Fail] : [Pass, Pass, Pass, Fail];

        var (sent, outcome) = Run(machine, replies);

        Assert.Equal(A("FAIL"), sent[^1]);
        Assert.Equal(U("wrong"), sent[^2]);
        Assert.IsType<BrokerOutcome.CredentialRejected>(outcome);
    }

    [Theory]
    [InlineData("FAIL")]
    [InlineData("TOKEN ")]
    [InlineData("TOKEN    ")]
    [InlineData("TOKENabc")]
    [InlineData("PASS")]
    public void MissingToken_FailsWithoutShowingTheReply(string reply)
    {
        var machine = new BrokerHandshake(BrokerProtocol.Version2, null, "admin", Password, null);

        var (sent, error) = RunToError<BrokerOutcome, PowerShellDirectException>(machine, A("VERSION_2"), Pass, Pass, Pass, Pass, Conf, A(reply));

        Assert.Equal(PowerShellDirectError.MissingToken, error.Error);
        Assert.Equal(A("EMPTYCF"), sent[^1]);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
        if (reply.Length > 4)
        {
            Assert.DoesNotContain(reply.Trim(), error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void UnknownCredentialVerdict_IsAProtocolError()
    {
        var machine = new BrokerHandshake(BrokerProtocol.Version2, null, "admin", Password, null);

        var (_, error) = RunToError<BrokerOutcome, PowerShellDirectException>(machine, A("VERSION_2"), Pass, Pass, Pass, Pass, A("WHAT"));

        Assert.Equal(PowerShellDirectError.InvalidResponse, error.Error);
    }

    [Fact]
    public void APeerThatCloses_IsReportedWithWhatWasAwaited()
    {
        var machine = new BrokerHandshake(BrokerProtocol.Version2, null, "admin", Password, null);

        var (_, error) = RunToError<BrokerOutcome, PowerShellDirectException>(machine, A("VERSION_2"), Pass, Pass, Pass, Pass, Conf, []);

        Assert.Equal(PowerShellDirectError.ConnectionClosed, error.Error);
        Assert.Contains("session token", error.Message, StringComparison.Ordinal);
        Assert.Equal("hyperv", error.TransportName);
    }

    [Fact]
    public void TrailingNuls_AreIgnored_AsPowerShellTrimsThem()
    {
        var machine = new BrokerHandshake(BrokerProtocol.Version2, null, "admin", Password, null);

        var (_, outcome) = Run(machine, A("VERSION_2\0\0"), A("PASS\0"), Pass, Pass, Pass, A("CONF\0\0\0\0"), A("TOKEN abc\0"));

        Assert.Equal("abc", Assert.IsType<BrokerOutcome.Accepted>(outcome).Token);
    }

    [Fact]
    public void ThePasswordStep_IsMarkedSecret_AndNothingElseIs()
    {
        var machine = new BrokerHandshake(BrokerProtocol.Version2, null, "admin", Password, null);
        var secrets = new List<bool>();
        var step = machine.Start();
        foreach (var reply in new[] { A("VERSION_2"), Pass, Pass, Pass, Pass, Conf })
        {
            var exchange = Assert.IsType<SendAndReceive<BrokerOutcome>>(step);
            secrets.Add(exchange.IsSecret);
            step = machine.Receive(reply);
        }

        Assert.Equal([false, false, false, false, false, true, false], [.. secrets, Assert.IsType<SendAndReceive<BrokerOutcome>>(step).IsSecret]);
    }

    [Fact]
    public void TheOutcome_NeverShowsTheToken()
    {
        Assert.DoesNotContain("secret-token", new BrokerOutcome.Accepted("secret-token").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReceiveBeforeStart_AndStartTwice_AreMisuse()
    {
        var machine = new BrokerHandshake(BrokerProtocol.Legacy, null, "admin", Password, null);
        Assert.Throws<InvalidOperationException>(() => machine.Receive(Pass));
        machine.Start();
        Assert.Throws<InvalidOperationException>(() => machine.Start());
    }
}
