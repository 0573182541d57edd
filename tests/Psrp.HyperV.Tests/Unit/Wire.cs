using System.Text;
using Psrp.Providers.HyperV.Handshake;

namespace Psrp.HyperV.Tests.Unit;

/// <summary>Message bytes as they travel (keywords ASCII, user data UTF-16LE), and a scripted peer for the sans-IO machines.</summary>
internal static class Wire
{
    public static byte[] A(string keyword) => Encoding.ASCII.GetBytes(keyword);

    public static byte[] U(string userData) => Encoding.Unicode.GetBytes(userData);

    /// <summary>
    /// Drives <paramref name="machine"/> against a peer that answers its messages with
    /// <paramref name="replies"/> in order; returns every message the machine sent (the final one
    /// included, empty when it sent none) and the outcome. Fails when the replies do not fit.
    /// </summary>
    public static (List<byte[]> Sent, T Outcome) Run<T>(IHandshake<T> machine, params byte[][] replies)
    {
        var sent = new List<byte[]>();
        var step = machine.Start();
        var next = 0;
        while (true)
        {
            switch (step)
            {
                case SendAndReceive<T> exchange:
                    sent.Add(exchange.Bytes.ToArray());
                    Assert.True(next < replies.Length, $"The machine sent message {sent.Count} and waits for a reply the script does not have.");
                    step = machine.Receive(replies[next++]);
                    break;
                case SendAndFinish<T> last:
                    sent.Add(last.Bytes.ToArray());
                    Assert.True(next == replies.Length, $"The machine finished after {next} of {replies.Length} replies.");
                    return (sent, last.Outcome);
            }
        }
    }

    /// <summary>Sends what the machine asks until it throws; returns the messages sent before that and the exception.</summary>
    public static (List<byte[]> Sent, TException Error) RunToError<T, TException>(IHandshake<T> machine, params byte[][] replies)
        where TException : Exception
    {
        var sent = new List<byte[]>();
        var error = Assert.Throws<TException>(() =>
        {
            var step = machine.Start();
            foreach (var reply in replies)
            {
                var exchange = Assert.IsType<SendAndReceive<T>>(step);
                sent.Add(exchange.Bytes.ToArray());
                step = machine.Receive(reply);
            }

            Assert.Fail($"The machine did not fail; its next step is {step}.");
        });
        return (sent, error);
    }
}
