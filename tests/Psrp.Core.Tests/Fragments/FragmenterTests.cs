using System.Buffers;
using System.Collections.Concurrent;
using Psrp.Fragments;

namespace Psrp.Tests.Fragments;

public class FragmenterTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    [InlineData(-5)]
    public void Constructor_RejectsFragmentSizeWithoutRoomForABlob(int size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Fragmenter(size));
    }

    [Fact]
    public void Constructor_RejectsInvalidFirstObjectIds()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Fragmenter(firstObjectId: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Fragmenter(firstObjectId: 1UL << 63));
    }

    [Fact]
    public void Defaults_MatchPowerShell()
    {
        var fragmenter = new Fragmenter();

        Assert.Equal(32768, fragmenter.MaxFragmentSize);
        Assert.Equal(32768 - 21, fragmenter.MaxBlobLength);
    }

    [Fact]
    public void SmallestSize_CarriesOneBlobBytePerFragment()
    {
        var fragmenter = new Fragmenter(Fragmenter.MinFragmentSize);

        var fragments = FragmentTestHelpers.Parse(FragmentTestHelpers.Fragmented(fragmenter, [1, 2, 3]));

        Assert.Equal([1, 2, 3], fragments.Select(f => f.Blob.Single()));
        Assert.Equal([FragmentFlags.Start, FragmentFlags.None, FragmentFlags.End], fragments.Select(f => f.Header.Flags));
        Assert.Equal([0UL, 1UL, 2UL], fragments.Select(f => f.Header.FragmentId));
    }

    [Fact]
    public void EmptyMessage_IsOneStartEndFragmentWithoutBlob()
    {
        var fragments = FragmentTestHelpers.Parse(FragmentTestHelpers.Fragmented(new Fragmenter(), Array.Empty<byte>()));

        var (header, blob) = Assert.Single(fragments);
        Assert.Equal(new FragmentHeader(1, 0, FragmentFlags.Start | FragmentFlags.End, 0), header);
        Assert.Empty(blob);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(79, 1)]
    [InlineData(80, 1)]
    [InlineData(81, 2)]
    [InlineData(160, 2)]
    [InlineData(161, 3)]
    public void SplitsAtMaxBlobLength(int messageLength, int expectedFragments)
    {
        // 101-byte fragments carry 80 blob bytes.
        var fragmenter = new Fragmenter(101);
        byte[] message = FragmentTestHelpers.RandomBytes(new Random(messageLength), messageLength);

        byte[] stream = FragmentTestHelpers.Fragmented(fragmenter, message);
        var fragments = FragmentTestHelpers.Parse(stream);

        Assert.Equal(expectedFragments, fragments.Count);
        Assert.All(fragments, f => Assert.True(FragmentHeader.Size + f.Header.BlobLength <= fragmenter.MaxFragmentSize));
        Assert.All(fragments, f => Assert.Equal(1UL, f.Header.ObjectId));
        Assert.True(fragments[0].Header.IsStart);
        Assert.True(fragments[^1].Header.IsEnd);
        Assert.Equal(1, fragments.Count(f => f.Header.IsStart));
        Assert.Equal(1, fragments.Count(f => f.Header.IsEnd));
        Assert.Equal(message, fragments.SelectMany(f => f.Blob));
        Assert.Equal(fragmenter.GetEncodedLength(messageLength), stream.Length);
    }

    [Fact]
    public void ObjectIds_StartAtFirstAndIncreasePerMessage()
    {
        var fragmenter = new Fragmenter(firstObjectId: 7);
        var writer = new ArrayBufferWriter<byte>();

        Assert.Equal(7UL, fragmenter.Write([1], writer));
        Assert.Equal(8UL, fragmenter.Write([2], writer));
        Assert.Equal(9UL, fragmenter.Write([3], writer));

        Assert.Equal([7UL, 8UL, 9UL], FragmentTestHelpers.Parse(writer.WrittenSpan).Select(f => f.Header.ObjectId));
    }

    [Fact]
    public void ObjectIds_AreUniqueAcrossThreads()
    {
        var fragmenter = new Fragmenter();
        var ids = new ConcurrentBag<ulong>();

        Parallel.For(0, 2000, _ =>
        {
            var writer = new ArrayBufferWriter<byte>();
            ids.Add(fragmenter.Write([0xAB], writer));
        });

        Assert.Equal(Enumerable.Range(1, 2000).Select(i => (ulong)i), ids.Order());
    }

    [Fact]
    public void TwoPartAndSequenceOverloads_WriteTheSameBytesAsOneSpan()
    {
        byte[] message = FragmentTestHelpers.RandomBytes(new Random(5), 1000);
        byte[] expected = FragmentTestHelpers.Fragmented(new Fragmenter(64), message);

        foreach (int cut in new[] { 0, 1, 40, 43, 44, 999, 1000 })
        {
            var twoPart = new ArrayBufferWriter<byte>();
            new Fragmenter(64).Write(message.AsSpan(0, cut), message.AsSpan(cut), twoPart);
            Assert.Equal(expected, twoPart.WrittenSpan.ToArray());
        }

        var sequenceOutput = new ArrayBufferWriter<byte>();
        new Fragmenter(64).Write(TestSegment.Split(message, 1, 0, 42, 43, 300), sequenceOutput);
        Assert.Equal(expected, sequenceOutput.WrittenSpan.ToArray());
    }

    [Fact]
    public void GetEncodedLength_CountsOneHeaderPerFragment()
    {
        var fragmenter = new Fragmenter(31); // 10 blob bytes per fragment

        Assert.Equal(21, fragmenter.GetEncodedLength(0));
        Assert.Equal(31, fragmenter.GetEncodedLength(10));
        Assert.Equal(53, fragmenter.GetEncodedLength(11));
        Assert.Throws<ArgumentOutOfRangeException>(() => fragmenter.GetEncodedLength(-1));
    }
}
