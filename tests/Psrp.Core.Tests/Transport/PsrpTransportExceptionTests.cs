using Psrp.Transport;

namespace Psrp.Tests.Transport;

/// <summary>Whichever operation notices a failed connection first, callers see the same phase rules and root cause.</summary>
public class PsrpTransportExceptionTests
{
    private static readonly PsrpProtocolException Garbled = new(PsrpProtocolError.InvalidPacket, "not a packet");

    [Fact]
    public void AFailureInTheSamePhase_IsThrownAsItIs()
    {
        var failure = new PsrpTransportException("process", TransportPhase.Receive, Garbled.Message, Garbled);
        Assert.Same(failure, PsrpTransportException.ForFailure("process", TransportPhase.Receive, failure));
    }

    [Fact]
    public void AFailureInAnotherPhase_NamesThisPhase_AndKeepsTheRootCauseAsInner()
    {
        var failure = new PsrpTransportException("process", TransportPhase.Receive, Garbled.Message, Garbled);
        var seen = PsrpTransportException.ForFailure("process", TransportPhase.OpenRunspacePool, failure);
        Assert.Equal(TransportPhase.OpenRunspacePool, seen.Phase);
        Assert.Same(Garbled, seen.InnerException);
        Assert.Contains("receiving: not a packet", seen.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATransportFailureWithoutACause_IsItselfTheInner()
    {
        var failure = new PsrpTransportException("process", TransportPhase.Receive, "the server closed the connection.");
        var seen = PsrpTransportException.ForFailure("process", TransportPhase.Send, failure);
        Assert.Same(failure, seen.InnerException);
    }

    [Fact]
    public void AnyOtherFailure_IsTheInner()
    {
        var io = new IOException("broken pipe");
        var seen = PsrpTransportException.ForFailure("process", TransportPhase.Send, io);
        Assert.Same(io, seen.InnerException);
        Assert.Contains("broken pipe", seen.Message, StringComparison.Ordinal);
    }
}
