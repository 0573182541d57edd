using Psrp.Providers.HyperV;
using Psrp.Providers.HyperV.Handshake;
using static Psrp.HyperV.Tests.Unit.Wire;

namespace Psrp.HyperV.Tests.Unit;

/// <summary>The driver between a handshake machine and a stream: one read per reply, secrets wiped once sent.</summary>
public class HandshakeDriverTests
{
    [Fact]
    public async Task SecretMessages_AreWrittenThenZeroed()
    {
        var peer = new ScriptedStream(A("VERSION_2"), A("PASS"), A("PASS"), A("PASS"), A("PASS"), A("CONF"), A("TOKEN abc"));
        var machine = new Recording<BrokerOutcome>(new BrokerHandshake(BrokerProtocol.Version2, null, "admin", "Pa55word", null));

        var outcome = await HandshakeDriver.RunAsync(peer, machine, "the broker", CancellationToken.None);

        Assert.Equal("abc", Assert.IsType<BrokerOutcome.Accepted>(outcome).Token);
        Assert.Contains(peer.Written, w => w.SequenceEqual(U("Pa55word")));
        var secret = Assert.Single(machine.Steps.OfType<SendAndReceive<BrokerOutcome>>(), s => s.IsSecret);
        Assert.All(secret.Bytes, b => Assert.Equal(0, b));
        Assert.Equal(A("PASS"), peer.Written[^1]);
    }

    [Fact]
    public async Task AResetWhileWaiting_IsAClosedConnection()
    {
        var peer = new ScriptedStream(A("VERSION_2")) { FailReadsAfterScript = true };

        var error = await Assert.ThrowsAsync<PowerShellDirectException>(() =>
            HandshakeDriver.RunAsync(peer, new BrokerHandshake(BrokerProtocol.Version2, null, "admin", "p", null), "the broker", CancellationToken.None));

        Assert.Equal(PowerShellDirectError.ConnectionClosed, error.Error);
    }

    private sealed class Recording<T>(IHandshake<T> inner) : IHandshake<T>
    {
        public List<HandshakeStep<T>> Steps { get; } = [];

        public HandshakeStep<T> Start() => Keep(inner.Start());

        public HandshakeStep<T> Receive(ReadOnlySpan<byte> reply) => Keep(inner.Receive(reply));

        private HandshakeStep<T> Keep(HandshakeStep<T> step)
        {
            Steps.Add(step);
            return step;
        }
    }

    /// <summary>A peer that answers each read with the next scripted reply and keeps copies of what was written.</summary>
    private sealed class ScriptedStream(params byte[][] replies) : Stream
    {
        private int _next;

        public List<byte[]> Written { get; } = [];

        public bool FailReadsAfterScript { get; init; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_next >= replies.Length)
            {
                return FailReadsAfterScript ? throw new IOException("connection reset") : 0;
            }

            var reply = replies[_next++];
            Assert.True(reply.Length <= count, $"reply {_next} is larger than the read buffer ({count})");
            reply.CopyTo(buffer, offset);
            return reply.Length;
        }

        public override void Write(byte[] buffer, int offset, int count) => Written.Add(buffer.AsSpan(offset, count).ToArray());

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
