using System.Text;

namespace Psrp.Providers.HyperV.Handshake;

/// <summary>
/// The words of PowerShell Direct's control channel (psrp-facts §8.2). Keywords travel as ASCII
/// without terminator; domain, user name, password and configuration name as UTF-16LE without
/// terminator or length. Nothing frames a message: each side sends one and waits for the other's
/// single reply, so one read is one message.
/// </summary>
internal static class ControlWords
{
    /// <summary>Reply buffer for PASS/FAIL/CONF. PowerShell asks for 4 bytes from a shared array pool, which hands out at least 16, so 16 is what it really reads.</summary>
    public const int ShortReplyLimit = 16;

    /// <summary>Reply buffer for the broker's version answer.</summary>
    public const int VersionReplyLimit = 16;

    /// <summary>Reply buffer for the broker's <c>TOKEN …</c> (a token is about 50 characters; the broker may grow it).</summary>
    public const int TokenReplyLimit = 1024;

    /// <summary>Reply buffer for the session's verdict on the token.</summary>
    public const int TokenVerdictLimit = 256;

    /// <summary>The user name of the probe that ends a conversation with an old broker: <c>?</c> and <c>&lt;&gt;</c> cannot occur in a real user name.</summary>
    public const string LegacyProbeUser = "?<PSDirectVMLegacy>";

    /// <summary>The prefix of a token message.</summary>
    public static ReadOnlySpan<byte> TokenPrefix => "TOKEN "u8;

    public static ReadOnlySpan<byte> Version => "VERSION"u8;

    public static ReadOnlySpan<byte> Version2 => "VERSION_2"u8;

    public static ReadOnlySpan<byte> VersionPrefix => "VERSION_"u8;

    public static ReadOnlySpan<byte> Pass => "PASS"u8;

    public static ReadOnlySpan<byte> Fail => "FAIL"u8;

    public static ReadOnlySpan<byte> Conf => "CONF"u8;

    public static ReadOnlySpan<byte> EmptyPassword => "EMPTYPW"u8;

    public static ReadOnlySpan<byte> NonEmptyPassword => "NONEMPTYPW"u8;

    public static ReadOnlySpan<byte> EmptyConfiguration => "EMPTYCF"u8;

    public static ReadOnlySpan<byte> NonEmptyConfiguration => "NONEMPTYCF"u8;

    /// <summary>User data (domain, user, password, configuration name) as the guest reads it.</summary>
    public static byte[] UserData(string text) => Encoding.Unicode.GetBytes(text);

    /// <summary>A reply as PowerShell reads it: trailing NULs are padding, not content.</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> reply) => reply.TrimEnd((byte)0);

    /// <summary>True when the (trimmed) reply is exactly <paramref name="word"/>.</summary>
    public static bool Is(ReadOnlySpan<byte> reply, ReadOnlySpan<byte> word) => Trim(reply).SequenceEqual(word);

    /// <summary>
    /// The token in a <c>TOKEN &lt;token&gt;</c> message (GV13: <c>TOKEN TQ</c> gives <c>TQ</c>), or
    /// null when the message is not one or the token is blank.
    /// </summary>
    public static string? ExtractToken(ReadOnlySpan<byte> message)
    {
        message = Trim(message);
        if (!message.StartsWith(TokenPrefix))
        {
            return null;
        }

        // ASCII as PowerShell decodes it: a byte outside ASCII becomes '?', so both ends agree.
        var token = Encoding.ASCII.GetString(message[TokenPrefix.Length..]).Trim();
        return token.Length == 0 ? null : token;
    }

    /// <summary>
    /// A reply for an error message: short keywords are shown, anything else only by its length,
    /// because a misbehaving peer's bytes may be a secret (a token, a password echoed back).
    /// </summary>
    public static string Describe(ReadOnlySpan<byte> reply)
    {
        reply = Trim(reply);
        if (reply.IsEmpty)
        {
            return "an empty reply";
        }

        foreach (var word in (ReadOnlySpan<string>)["PASS", "FAIL", "CONF"])
        {
            if (reply.SequenceEqual(Encoding.ASCII.GetBytes(word)))
            {
                return $"'{word}'";
            }
        }

        return reply.StartsWith(VersionPrefix) && reply.Length <= VersionReplyLimit && IsPrintableAscii(reply)
            ? $"'{Encoding.ASCII.GetString(reply)}'"
            : $"a {reply.Length}-byte reply";
    }

    private static bool IsPrintableAscii(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is < 0x20 or > 0x7e)
            {
                return false;
            }
        }

        return true;
    }
}
