namespace Psrp.HyperV.Tests.Fixture;

/// <summary>One connection to the stand-in broker: every message it received, in order, and how it ended.</summary>
internal sealed class BrokerConversation
{
    public List<byte[]> Received { get; } = [];

    public string Result { get; set; } = "unfinished";

    public override string ToString() => $"{Result}: {string.Join(" | ", Received.Select(Show))}";

    // Shows keywords as text and UTF-16 user data decoded, so a failing assertion is readable.
    private static string Show(byte[] message) =>
        message.Length > 1 && message.Length % 2 == 0 && message[1] == 0
            ? "U:" + System.Text.Encoding.Unicode.GetString(message)
            : "A:" + System.Text.Encoding.ASCII.GetString(message);
}
