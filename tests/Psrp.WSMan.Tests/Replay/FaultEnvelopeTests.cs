using Psrp.Providers.WSMan;
using Psrp.Providers.WSMan.Soap;
using Psrp.Transport;

namespace Psrp.WSMan.Tests.Replay;

/// <summary>The fault shapes of psrp-facts §10.5: a timed-out Receive means ask again; anything else is a typed error.</summary>
public sealed class FaultEnvelopeTests
{
    [Fact]
    public void The_operation_timeout_fault_means_ask_again()
    {
        var receive = Guid.NewGuid();
        var response = WSManResponse.Parse(
            WinRMEnvelopes.Fault(receive, "s:Receiver", "w:TimedOut", "The WS-Management service cannot complete the operation within the time specified in OperationTimeout.", 2150858793, "server.example", "The operation timed out."),
            1 << 20);

        Assert.Equal(receive, response.RelatesTo);
        var fault = response.Fault!;
        Assert.True(fault.IsOperationTimeout);
        Assert.Equal("w:TimedOut", fault.Subcode);
        Assert.Equal(2150858793u, fault.WSManCode);
        Assert.Equal("TimedOut", fault.Name);
    }

    [Fact]
    public void A_receive_for_an_unknown_command_becomes_a_typed_fault_naming_code_machine_and_message()
    {
        // 2150858843 = 0x8033805B, WinRM's number for a selector that names nothing.
        var fault = WSManResponse.Parse(
            WinRMEnvelopes.Fault(Guid.NewGuid(), "s:Sender", "w:InvalidSelectors", "The WS-Management service cannot process the request because the request contained invalid selectors for the resource.", 2150858843, "192.0.2.7", "The request names a command identifier that does not exist."),
            1 << 20).Fault!;
        Assert.False(fault.IsOperationTimeout);

        var error = new WSManFaultException(TransportPhase.Receive, "Receive", fault);
        Assert.Equal("w:InvalidSelectors", error.FaultCode);
        Assert.Equal(2150858843u, error.WSManCode);
        Assert.Equal("192.0.2.7", error.Machine);
        Assert.Equal("The request names a command identifier that does not exist.", error.FaultMessage);
        Assert.Contains("w:InvalidSelectors", error.Message, StringComparison.Ordinal);
        Assert.Contains("2150858843", error.Message, StringComparison.Ordinal);
        Assert.Equal(TransportPhase.Receive, error.Phase);
        Assert.Equal("wsman", error.TransportName);
    }
}
