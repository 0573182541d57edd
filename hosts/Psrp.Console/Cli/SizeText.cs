using System.Globalization;

namespace Psrp.Cli.Cli;

/// <summary>Byte sizes as users type them: <c>32768</c>, <c>32K</c>, <c>32KB</c>, <c>32KiB</c>, <c>10M</c>, <c>1G</c> (all binary multiples).</summary>
internal static class SizeText
{
    public static int Parse(string text, string option)
    {
        var trimmed = text.Trim();
        var digits = trimmed.TakeWhile(char.IsAsciiDigit).Count();
        var unit = trimmed[digits..].Trim().ToUpperInvariant();
        long multiplier = unit switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            _ => 0,
        };
        if (digits == 0 || multiplier == 0 || !long.TryParse(trimmed.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new UsageException($"{option} takes a size such as 32768, 32K, 10M or 1G, not '{text}'.");
        }

        var value = number * multiplier;
        return value > int.MaxValue
            ? throw new UsageException($"{option} {text} is larger than the protocol's length fields can carry ({int.MaxValue} bytes).")
            : (int)value;
    }

    public static int ParseCount(string text, string option) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"{option} takes a whole number, not '{text}'.");
}
