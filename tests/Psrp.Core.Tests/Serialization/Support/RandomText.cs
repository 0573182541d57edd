using System.Text;

namespace Psrp.Tests.Serialization.Support;

/// <summary>Seeded random strings for the escaping tests.</summary>
internal static class RandomText
{
    private static readonly string[] Pieces =
    [
        "a", "Z", " ", "  ", "_", "x", "X", "_x", "_X", "<", ">", "&", "\"", "'", "]]>", "\t", "\r\n", "\0", "\u001F",
        "\u007F", "\u0085", "\u009F", "\u00A0", "é", "中", "😀", "\uD800", "\uDFFF", "\uFFFD", "\uFFFE", "\uFFFF",
        "_x0041_", "_x005F_", "_xD83D_",
    ];

    private const string EscapeAlphabet = "_xX0123456789abcdefABCDEFGDg_x_";

    /// <summary>A string made of pieces that each stress one escaping rule.</summary>
    public static string Next(Random random, int maxPieces)
    {
        var sb = new StringBuilder();
        var count = random.Next(maxPieces + 1);
        for (var i = 0; i < count; i++)
        {
            sb.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return sb.ToString();
    }

    /// <summary>Text dense in underscores, x and hex digits, so many substrings look like escapes.</summary>
    public static string EscapeHeavy(Random random, int maxLength)
    {
        var sb = new StringBuilder();
        var length = random.Next(maxLength + 1);
        while (sb.Length < length)
        {
            switch (random.Next(6))
            {
                case 0:
                    sb.Append("_x").Append(random.Next(0x10000).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)).Append('_');
                    break;
                case 1:
                    sb.Append(random.Next(2) == 0 ? "_x" : "_X").Append(random.NextInt64(0x120000).ToString(random.Next(2) == 0 ? "x8" : "X8", System.Globalization.CultureInfo.InvariantCulture)).Append('_');
                    break;
                default:
                    sb.Append(EscapeAlphabet[random.Next(EscapeAlphabet.Length)]);
                    break;
            }
        }

        return sb.ToString();
    }
}
