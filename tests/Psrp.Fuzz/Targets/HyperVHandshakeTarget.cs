using System.Buffers.Binary;
using Psrp.Providers.HyperV;
using Psrp.Providers.HyperV.Handshake;

namespace Psrp.Fuzz.Targets;

/// <summary>
/// PowerShell Direct's control-channel handshakes (providers/Psrp.Providers.HyperV/Handshake): the
/// broker conversation, then, when it issues a token, the session's token handshake — the only
/// decoders of peer bytes on the Hyper-V path before the out-of-proc framing. The first byte picks the
/// client's settings; then each reply is a 2-byte little-endian length and its bytes, cut to the step's
/// reply limit as the driver's single read would; running out of input is the peer closing.
/// </summary>
/// <remarks>The SSH providers have no decoder of their own (SSH.NET and OpenSSH parse SSH); after
/// the handshake every out-of-proc transport shares the <see cref="OutOfProcTarget"/> path.</remarks>
public sealed class HyperVHandshakeTarget : IFuzzTarget
{
    private const int MaxSteps = 64;

    /// <inheritdoc />
    public string Name => "hyperv-handshake";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var mode = input[0];
        var replies = input[1..];
        try
        {
            var broker = new BrokerHandshake(
                (mode & 1) == 0 ? BrokerProtocol.Version2 : BrokerProtocol.Legacy,
                (mode & 2) == 0 ? null : "DOMAIN",
                "admin",
                (mode & 4) == 0 ? "Pa55word" : string.Empty,
                (mode & 8) == 0 ? null : "Microsoft.PowerShell");
            var outcome = Drive(broker, ref replies);
            if (outcome is BrokerOutcome.Accepted { Token: { } token })
            {
                _ = Drive(new SessionHandshake(token), ref replies);
            }
        }
        catch (PowerShellDirectException)
        {
        }
    }

    private static TOutcome? Drive<TOutcome>(IHandshake<TOutcome> machine, ref ReadOnlySpan<byte> replies)
    {
        var step = machine.Start();
        for (var i = 0; i < MaxSteps; i++)
        {
            switch (step)
            {
                case SendAndFinish<TOutcome> finish:
                    return finish.Outcome;
                case SendAndReceive<TOutcome> exchange:
                    step = machine.Receive(NextReply(ref replies, exchange.ReplyLimit));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown handshake step {step}.");
            }
        }

        throw new InvalidOperationException($"The handshake took more than {MaxSteps} steps.");
    }

    private static ReadOnlySpan<byte> NextReply(ref ReadOnlySpan<byte> replies, int limit)
    {
        if (replies.Length < 2)
        {
            replies = [];
            return [];
        }

        var length = Math.Min(BinaryPrimitives.ReadUInt16LittleEndian(replies), replies.Length - 2);
        var reply = replies.Slice(2, length);
        replies = replies[(2 + length)..];
        return reply[..Math.Min(reply.Length, limit)];
    }

    /// <inheritdoc />
    public IEnumerable<(string Name, byte[] Bytes)> Seeds(Golden golden)
    {
        static byte[] Script(byte mode, params string[] replies)
        {
            var bytes = new List<byte> { mode };
            foreach (var reply in replies)
            {
                var ascii = System.Text.Encoding.ASCII.GetBytes(reply);
                bytes.Add((byte)ascii.Length);
                bytes.Add((byte)(ascii.Length >> 8));
                bytes.AddRange(ascii);
            }

            return [.. bytes];
        }

        // V2: VERSION_2, ack, domain ack, user ack, password prompt, CONF, TOKEN, then the session.
        yield return ("v2-accepted", Script(0, "VERSION_2", "PASS", "PASS", "PASS", "PASS", "CONF", "TOKEN aGVsbG8=", "VERSION_2", "PASS", "PASS"));
        yield return ("v2-configuration", Script(8, "VERSION_2", "PASS", "PASS", "PASS", "PASS", "CONF", "PASS", "TOKEN dG9rZW4=", "VERSION_2", "PASS", "PASS"));
        yield return ("v2-empty-password", Script(4, "VERSION_2", "PASS", "PASS", "PASS", "PASS", "TOKEN TQ\0\0", "VERSION_2", "PASS", "FAIL"));
        yield return ("v2-rejected", Script(0, "VERSION_2", "PASS", "PASS", "PASS", "PASS", "FAIL"));
        yield return ("v2-old-broker", Script(0, "PASS", "PASS", "FAIL"));
        yield return ("legacy", Script(1, "PASS", "PASS", "PASS", "PASS"));
    }
}
