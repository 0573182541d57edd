using System.Buffers;

namespace Psrp.Tests.Fragments;

/// <summary>Builds multi-segment sequences so sequence overloads meet real segment boundaries.</summary>
internal sealed class TestSegment : ReadOnlySequenceSegment<byte>
{
    private TestSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>Cuts <paramref name="data"/> into segments of the given lengths (the rest goes last).</summary>
    public static ReadOnlySequence<byte> Split(byte[] data, params int[] lengths)
    {
        var first = new TestSegment(ReadOnlyMemory<byte>.Empty, 0);
        TestSegment last = first;
        int offset = 0;
        foreach (int length in lengths.Append(data.Length))
        {
            int take = Math.Min(length, data.Length - offset);
            var next = new TestSegment(data.AsMemory(offset, take), last.RunningIndex + last.Memory.Length);
            last.Next = next;
            last = next;
            offset += take;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
