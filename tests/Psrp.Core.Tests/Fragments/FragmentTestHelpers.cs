using System.Buffers;
using System.Buffers.Binary;
using Psrp.Fragments;

namespace Psrp.Tests.Fragments;

/// <summary>Hand-built fragments, including malformed ones the production code refuses to write.</summary>
internal static class FragmentTestHelpers
{
    public static byte[] Fragment(ulong objectId, ulong fragmentId, FragmentFlags flags, int blobLength, byte fill = 0x5A)
    {
        byte[] bytes = new byte[FragmentHeader.Size + blobLength];
        new FragmentHeader(objectId, fragmentId, flags, blobLength).Write(bytes);
        bytes.AsSpan(FragmentHeader.Size).Fill(fill);
        return bytes;
    }

    /// <summary>A bare header whose length field holds any 32-bit pattern, e.g. one with the top bit set.</summary>
    public static byte[] HeaderWithRawLength(ulong objectId, ulong fragmentId, FragmentFlags flags, uint rawLength)
    {
        byte[] bytes = new byte[FragmentHeader.Size];
        new FragmentHeader(objectId, fragmentId, flags, 0).Write(bytes);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(17), rawLength);
        return bytes;
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] RandomBytes(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    public static List<byte[]> ReadAll(FragmentAssembler assembler)
    {
        var result = new List<byte[]>();
        while (assembler.TryRead(out AssembledObject? obj))
        {
            using (obj)
            {
                result.Add(obj.Span.ToArray());
            }
        }

        return result;
    }

    public static byte[] Fragmented(Fragmenter fragmenter, params byte[][] messages)
    {
        var writer = new ArrayBufferWriter<byte>();
        foreach (byte[] message in messages)
        {
            fragmenter.Write(message, writer);
        }

        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Splits a header stream into its (header, blob) fragments.</summary>
    public static List<(FragmentHeader Header, byte[] Blob)> Parse(ReadOnlySpan<byte> stream)
    {
        var result = new List<(FragmentHeader, byte[])>();
        while (!stream.IsEmpty)
        {
            Assert.True(FragmentHeader.TryRead(stream, out FragmentHeader header));
            result.Add((header, stream.Slice(FragmentHeader.Size, header.BlobLength).ToArray()));
            stream = stream[(FragmentHeader.Size + header.BlobLength)..];
        }

        return result;
    }
}
