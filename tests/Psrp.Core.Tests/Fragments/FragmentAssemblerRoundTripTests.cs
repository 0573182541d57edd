using Psrp.Fragments;

namespace Psrp.Tests.Fragments;

public class FragmentAssemblerRoundTripTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void RandomMessagesFragmentsAndChunkings_ComeBackIdentical(int seed)
    {
        var random = new Random(seed);
        for (int round = 0; round < 8; round++)
        {
            int count = random.Next(1, 6);
            byte[][] messages = Enumerable.Range(0, count)
                .Select(_ => FragmentTestHelpers.RandomBytes(random, RandomMessageLength(random)))
                .ToArray();
            var fragmenter = new Fragmenter(random.Next(Fragmenter.MinFragmentSize, 70_000));
            byte[] stream = FragmentTestHelpers.Fragmented(fragmenter, messages);

            using var assembler = new FragmentAssembler();
            var received = new List<byte[]>();
            int offset = 0;
            while (offset < stream.Length)
            {
                // Mostly small chunks so headers and blobs get cut in every possible place.
                int chunk = random.Next(4) == 0 ? random.Next(1, 100_000) : random.Next(1, 64);
                chunk = Math.Min(chunk, stream.Length - offset);
                assembler.Feed(stream.AsSpan(offset, chunk));
                offset += chunk;
                received.AddRange(FragmentTestHelpers.ReadAll(assembler));
            }

            assembler.Complete();
            Assert.Equal(messages, received);
        }
    }

    [Fact]
    public void OneByteAtATime_ComesBackIdentical()
    {
        var random = new Random(11);
        byte[][] messages = [FragmentTestHelpers.RandomBytes(random, 200_000), [], FragmentTestHelpers.RandomBytes(random, 41)];
        byte[] stream = FragmentTestHelpers.Fragmented(new Fragmenter(1000), messages);

        using var assembler = new FragmentAssembler();
        foreach (byte b in stream)
        {
            assembler.Feed([b]);
        }

        assembler.Complete();
        Assert.Equal(messages, FragmentTestHelpers.ReadAll(assembler));
    }

    [Fact]
    public void SeveralMessagesInOneChunk_AreAllQueued()
    {
        byte[][] messages = [[1, 2, 3], FragmentTestHelpers.RandomBytes(new Random(1), 5000), [], [9]];
        byte[] stream = FragmentTestHelpers.Fragmented(new Fragmenter(100), messages);

        using var assembler = new FragmentAssembler();
        assembler.Feed(stream);

        Assert.Equal(4, assembler.Count);
        Assert.False(assembler.HasPartialObject);
        var objects = new List<AssembledObject>();
        while (assembler.TryRead(out AssembledObject? obj))
        {
            objects.Add(obj);
        }

        Assert.Equal([1UL, 2UL, 3UL, 4UL], objects.Select(o => o.ObjectId));
        Assert.Equal(messages, objects.Select(o => o.Memory.ToArray()));
        objects.ForEach(o => o.Dispose());
    }

    [Fact]
    public void MultiSegmentSequence_IsAccepted()
    {
        byte[][] messages = [FragmentTestHelpers.RandomBytes(new Random(2), 300), [7, 7]];
        byte[] stream = FragmentTestHelpers.Fragmented(new Fragmenter(50), messages);

        using var assembler = new FragmentAssembler();
        assembler.Feed(TestSegment.Split(stream, 3, 20, 1, 100));

        Assert.Equal(messages, FragmentTestHelpers.ReadAll(assembler));
    }

    [Fact]
    public void ObjectOfExactlyMaxSize_IsAccepted()
    {
        byte[] message = FragmentTestHelpers.RandomBytes(new Random(3), 1000);
        byte[] stream = FragmentTestHelpers.Fragmented(new Fragmenter(121), message);

        using var assembler = new FragmentAssembler(maxObjectSize: 1000);
        assembler.Feed(stream);

        Assert.Equal([message], FragmentTestHelpers.ReadAll(assembler));
    }

    [Fact]
    public void ReservedFlagBits_AreIgnored()
    {
        byte[] stream = FragmentTestHelpers.Concat(
            FragmentTestHelpers.Fragment(5, 0, (FragmentFlags)0x05, 2, fill: 1),
            FragmentTestHelpers.Fragment(5, 1, (FragmentFlags)0xFE, 1, fill: 2));

        using var assembler = new FragmentAssembler();
        assembler.Feed(stream);

        Assert.Equal([new byte[] { 1, 1, 2 }], FragmentTestHelpers.ReadAll(assembler));
    }

    [Fact]
    public void NonContiguousObjectIds_AreAccepted()
    {
        // PowerShell numbers objects with one process-wide counter, so a stream skips ids.
        byte[] stream = FragmentTestHelpers.Concat(
            FragmentTestHelpers.Fragment(3, 0, FragmentFlags.Start | FragmentFlags.End, 1),
            FragmentTestHelpers.Fragment(17, 0, FragmentFlags.Start | FragmentFlags.End, 1),
            FragmentTestHelpers.Fragment(4, 0, FragmentFlags.Start | FragmentFlags.End, 1));

        using var assembler = new FragmentAssembler();
        assembler.Feed(stream);

        Assert.Equal(3, assembler.Count);
    }

    [Fact]
    public void PartialInput_IsReportedButNotAnErrorUntilComplete()
    {
        byte[] stream = FragmentTestHelpers.Fragmented(new Fragmenter(50), FragmentTestHelpers.RandomBytes(new Random(4), 100));

        using var assembler = new FragmentAssembler();
        Assert.False(assembler.HasPartialObject);
        assembler.Feed(stream.AsSpan(0, 10));
        Assert.True(assembler.HasPartialObject);
        assembler.Feed(stream.AsSpan(10, stream.Length - 11));
        Assert.True(assembler.HasPartialObject);
        Assert.Equal(0, assembler.Count);
        assembler.Feed(stream.AsSpan(stream.Length - 1));
        Assert.False(assembler.HasPartialObject);
        Assert.Equal(1, assembler.Count);

        assembler.Complete();
    }

    [Fact]
    public void AssembledObject_ThrowsAfterDispose()
    {
        using var assembler = new FragmentAssembler();
        assembler.Feed(FragmentTestHelpers.Fragment(1, 0, FragmentFlags.Start | FragmentFlags.End, 3));
        Assert.True(assembler.TryRead(out AssembledObject? obj));

        obj.Dispose();
        obj.Dispose();

        Assert.Throws<ObjectDisposedException>(() => obj.Memory);
    }

    [Fact]
    public void Dispose_ThenUse_Throws()
    {
        var assembler = new FragmentAssembler();
        assembler.Feed(FragmentTestHelpers.Fragment(1, 0, FragmentFlags.Start | FragmentFlags.End, 3));
        assembler.Dispose();

        Assert.Throws<ObjectDisposedException>(() => assembler.Feed([1]));
        Assert.Throws<ObjectDisposedException>(() => assembler.TryRead(out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Constructor_RejectsImpossibleLimits(int maxObjectSize)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FragmentAssembler(maxObjectSize));
    }

    private static int RandomMessageLength(Random random) => random.Next(4) switch
    {
        0 => random.Next(0, 64),
        1 => random.Next(40, 2_000),
        _ => random.Next(0, 200_000),
    };
}
