using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Psrp.Security;

/// <summary>
/// Raw UTF-16LE code units, the plaintext form of a SecureString on the wire.
/// </summary>
/// <remarks>
/// Not <c>Encoding.Unicode</c>: that replaces lone surrogates with U+FFFD, whereas PowerShell
/// copies a SecureString's code units verbatim, so any <see cref="char"/> sequence must round-trip.
/// </remarks>
internal static class Utf16LittleEndian
{
    /// <summary>Writes the code units of <paramref name="text"/> into <paramref name="destination"/> (2 bytes each).</summary>
    public static void Write(ReadOnlySpan<char> text, Span<byte> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(text).CopyTo(destination);
            return;
        }

        for (int i = 0; i < text.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination[(2 * i)..], text[i]);
        }
    }

    /// <summary>Reads an even number of bytes as UTF-16LE code units.</summary>
    public static string Read(ReadOnlySpan<byte> bytes)
    {
        if (BitConverter.IsLittleEndian)
        {
            return new string(MemoryMarshal.Cast<byte, char>(bytes));
        }

        return string.Create(bytes.Length / 2, bytes.ToArray(), static (chars, source) =>
        {
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)BinaryPrimitives.ReadUInt16LittleEndian(source.AsSpan(2 * i));
            }

            Array.Clear(source);
        });
    }
}
