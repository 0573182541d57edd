using System.Buffers.Binary;

namespace Psrp.Fuzz;

/// <summary>
/// A small deterministic mutator for the in-test runs (AFL++ does the long runs): from a seeded
/// PRNG, one to four of bit flips, interesting bytes, truncation, splicing two corpus entries, byte
/// insertion and deletion, deletion up to the next equal byte (whole XML elements), pieces of other
/// entries, chunk duplication, and tweaks of length fields — binary (16/32-bit, both
/// byte orders) and decimal digits in text.
/// </summary>
public sealed class Mutator(IReadOnlyList<byte[]> corpus, int seed, int maxLength = 64 << 10)
{
    private static readonly int[] InterestingInts = [0, 1, -1, 2, 16, 21, 40, 127, 128, 255, 256, 4095, 4096, 32767, 65535, 65536, int.MaxValue, int.MinValue, 0x7FFFFFF0];
    private static readonly byte[] InterestingBytes = [0, 1, 0x7F, 0x80, 0xFF, (byte)'<', (byte)'>', (byte)'"', (byte)'\'', (byte)'&', (byte)'\n', (byte)'\r', (byte)'\t', (byte)'=', (byte)'/', (byte)':', (byte)'-', (byte)'0', (byte)'9'];
    private static readonly string[] InterestingNumbers = ["0", "-1", "1", "4294967296", "2147483647", "2147483648", "99999999999999999999", "-2147483649", "1e9"];
    private readonly Random _random = new(seed);

    /// <summary>The next input: a mutated copy of a corpus entry.</summary>
    public byte[] Next()
    {
        var data = new List<byte>(corpus.Count == 0 ? [] : corpus[_random.Next(corpus.Count)]);
        var count = 1 + _random.Next(4);
        for (var i = 0; i < count; i++)
        {
            Mutate(data);
        }

        if (data.Count > maxLength)
        {
            data.RemoveRange(maxLength, data.Count - maxLength);
        }

        return [.. data];
    }

    private void Mutate(List<byte> data)
    {
        switch (_random.Next(12))
        {
            case 0 when data.Count > 0:
                var bit = _random.Next(data.Count * 8);
                data[bit / 8] ^= (byte)(1 << (bit % 8));
                break;
            case 1 when data.Count > 0:
                data[_random.Next(data.Count)] = _random.Next(2) == 0 ? InterestingBytes[_random.Next(InterestingBytes.Length)] : (byte)_random.Next(256);
                break;
            case 2 when data.Count > 0:
                var cut = _random.Next(data.Count);
                data.RemoveRange(cut, data.Count - cut);
                break;
            case 3 when corpus.Count > 0:
                var other = corpus[_random.Next(corpus.Count)];
                var keep = _random.Next(data.Count + 1);
                var from = _random.Next(other.Length + 1);
                data.RemoveRange(keep, data.Count - keep);
                data.AddRange(other.AsSpan(from).ToArray());
                break;
            case 4:
                var insert = new byte[1 + _random.Next(8)];
                _random.NextBytes(insert);
                data.InsertRange(_random.Next(data.Count + 1), insert);
                break;
            case 5 when data.Count > 0:
                var start = _random.Next(data.Count);
                data.RemoveRange(start, Math.Min(data.Count - start, 1 + _random.Next(16)));
                break;
            case 6 when data.Count > 0:
                // Repeating a chunk nests XML deeper, repeats fragments, adds packets.
                var chunkStart = _random.Next(data.Count);
                var chunk = data.GetRange(chunkStart, Math.Min(data.Count - chunkStart, 1 + _random.Next(256)));
                var times = 1 + _random.Next(_random.Next(2) == 0 ? 2 : 64);
                var at = _random.Next(data.Count + 1);
                for (var t = 0; t < times; t++)
                {
                    data.InsertRange(at, chunk);
                }

                break;
            case 7 when data.Count >= 4:
                TweakBinaryLength(data);
                break;
            case 8:
                TweakDecimal(data);
                break;
            case 9 when data.Count > 1:
                // Delete from a byte to a later equal byte: drops whole XML elements, attributes,
                // lines, fields between separators.
                var first = _random.Next(data.Count - 1);
                var next = data.IndexOf(data[first], first + 1);
                if (next > 0)
                {
                    data.RemoveRange(first, next - first);
                }

                break;
            case 10 when corpus.Count > 0:
                // Insert a piece of another entry: elements and headers of other messages.
                var donor = corpus[_random.Next(corpus.Count)];
                var pieceStart = _random.Next(donor.Length + 1);
                var piece = donor.AsSpan(pieceStart, Math.Min(donor.Length - pieceStart, 1 + _random.Next(128))).ToArray();
                data.InsertRange(_random.Next(data.Count + 1), piece);
                break;
            default:
                if (data.Count > 0)
                {
                    data[_random.Next(data.Count)] = (byte)_random.Next(256);
                }

                break;
        }
    }

    private void TweakBinaryLength(List<byte> data)
    {
        var value = _random.Next(3) == 0 ? data.Count + _random.Next(-4, 5) : InterestingInts[_random.Next(InterestingInts.Length)];
        var wide = _random.Next(4) != 0;
        var size = wide ? 4 : 2;
        if (data.Count < size)
        {
            return;
        }

        Span<byte> bytes = stackalloc byte[4];
        var bigEndian = _random.Next(2) == 0;
        if (wide)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteInt32BigEndian(bytes, value);
            }
            else
            {
                BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
            }
        }
        else if (bigEndian)
        {
            BinaryPrimitives.WriteInt16BigEndian(bytes, (short)value);
        }
        else
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes, (short)value);
        }

        var offset = _random.Next(data.Count - size + 1);
        for (var i = 0; i < size; i++)
        {
            data[offset + i] = bytes[i];
        }
    }

    private void TweakDecimal(List<byte> data)
    {
        // Find a run of digits from a random place and replace it with an interesting number.
        var digitsAt = -1;
        var begin = data.Count == 0 ? 0 : _random.Next(data.Count);
        for (var i = 0; i < data.Count; i++)
        {
            var p = (begin + i) % data.Count;
            if (data[p] is >= (byte)'0' and <= (byte)'9')
            {
                digitsAt = p;
                break;
            }
        }

        var number = System.Text.Encoding.ASCII.GetBytes(InterestingNumbers[_random.Next(InterestingNumbers.Length)]);
        if (digitsAt < 0)
        {
            data.InsertRange(_random.Next(data.Count + 1), number);
            return;
        }

        while (digitsAt > 0 && data[digitsAt - 1] is >= (byte)'0' and <= (byte)'9')
        {
            digitsAt--;
        }

        var end = digitsAt;
        while (end < data.Count && data[end] is >= (byte)'0' and <= (byte)'9')
        {
            end++;
        }

        data.RemoveRange(digitsAt, end - digitsAt);
        data.InsertRange(digitsAt, number);
    }
}
