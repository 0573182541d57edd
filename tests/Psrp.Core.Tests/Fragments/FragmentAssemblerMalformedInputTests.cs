using Psrp.Fragments;
using static Psrp.Tests.Fragments.FragmentTestHelpers;

namespace Psrp.Tests.Fragments;

public class FragmentAssemblerMalformedInputTests
{
    private const FragmentFlags Start = FragmentFlags.Start;
    private const FragmentFlags End = FragmentFlags.End;
    private const FragmentFlags Whole = FragmentFlags.Start | FragmentFlags.End;

    public static TheoryData<string, byte[], PsrpProtocolError> Cases => new()
    {
        { "continuation without start", Fragment(1, 0, End, 4), PsrpProtocolError.InvalidFragmentFlags },
        { "middle fragment without start", Fragment(1, 1, FragmentFlags.None, 4), PsrpProtocolError.InvalidFragmentFlags },
        { "start with fragment id 3", Fragment(1, 3, Whole, 4), PsrpProtocolError.FragmentIdOutOfSequence },
        { "start while same object open", Concat(Fragment(1, 0, Start, 4), Fragment(1, 1, Start, 4)), PsrpProtocolError.InvalidFragmentFlags },
        { "start of next object while one open", Concat(Fragment(1, 0, Start, 4), Fragment(2, 0, Whole, 4)), PsrpProtocolError.InvalidFragmentFlags },
        { "gap in fragment ids", Concat(Fragment(1, 0, Start, 4), Fragment(1, 2, End, 4)), PsrpProtocolError.FragmentIdOutOfSequence },
        { "repeated fragment id", Concat(Fragment(1, 0, Start, 4), Fragment(1, 1, FragmentFlags.None, 4), Fragment(1, 1, End, 4)), PsrpProtocolError.FragmentIdOutOfSequence },
        { "interleaved object ids", Concat(Fragment(1, 0, Start, 4), Fragment(2, 1, End, 4)), PsrpProtocolError.ObjectIdMismatch },
        { "object id 0", Fragment(0, 0, Whole, 4), PsrpProtocolError.InvalidObjectId },
        { "length 0x7FFFFFFF", HeaderWithRawLength(1, 0, Whole, 0x7FFFFFFF), PsrpProtocolError.ObjectTooLarge },
        { "length 0x80000000", HeaderWithRawLength(1, 0, Whole, 0x80000000), PsrpProtocolError.InvalidLength },
        { "length 0xFFFFFFFF", HeaderWithRawLength(1, 0, Whole, 0xFFFFFFFF), PsrpProtocolError.InvalidLength },
        { "negative length on continuation", Concat(Fragment(1, 0, Start, 4), HeaderWithRawLength(1, 1, End, 0x80000010)), PsrpProtocolError.InvalidLength },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MalformedStream_ThrowsWithCode(string description, byte[] stream, PsrpProtocolError expected)
    {
        using var assembler = new FragmentAssembler();

        var ex = Assert.Throws<PsrpProtocolException>(() => assembler.Feed(stream));

        Assert.Equal(expected, ex.Code);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message), description);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MalformedStream_FedOneByteAtATime_ThrowsWithSameCode(string description, byte[] stream, PsrpProtocolError expected)
    {
        using var assembler = new FragmentAssembler();

        var ex = Assert.Throws<PsrpProtocolException>(() =>
        {
            foreach (byte b in stream)
            {
                assembler.Feed([b]);
            }
        });

        Assert.Equal(expected, ex.Code);
        Assert.NotNull(description);
    }

    [Fact]
    public void Messages_NameTheIdsAndLengthsInvolved()
    {
        using var gap = new FragmentAssembler();
        var gapError = Assert.Throws<PsrpProtocolException>(() => gap.Feed(Concat(Fragment(9, 0, Start, 4), Fragment(9, 5, End, 4))));
        Assert.Contains("9", gapError.Message, StringComparison.Ordinal);
        Assert.Contains("5", gapError.Message, StringComparison.Ordinal);
        Assert.Contains("expected 1", gapError.Message, StringComparison.Ordinal);

        using var huge = new FragmentAssembler();
        var hugeError = Assert.Throws<PsrpProtocolException>(() => huge.Feed(HeaderWithRawLength(3, 0, Whole, 0x7FFFFFFF)));
        Assert.Contains("2147483647", hugeError.Message, StringComparison.Ordinal);
        Assert.Contains("10485760", hugeError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ObjectExceedingMaxAcrossFragments_IsRejectedAtTheHeaderThatCrossesTheLimit()
    {
        using var assembler = new FragmentAssembler(maxObjectSize: 1000);
        assembler.Feed(Fragment(1, 0, Start, 400));
        assembler.Feed(Fragment(1, 1, FragmentFlags.None, 400));

        // Only the header of the third fragment: the limit is checked before any blob byte is buffered.
        byte[] third = Fragment(1, 2, End, 201);
        var ex = Assert.Throws<PsrpProtocolException>(() => assembler.Feed(third.AsSpan(0, FragmentHeader.Size)));

        Assert.Equal(PsrpProtocolError.ObjectTooLarge, ex.Code);
        Assert.Contains("1001", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeClaimedLength_AllocatesAlmostNothing()
    {
        byte[] header = HeaderWithRawLength(1, 0, Whole, 0x7FFFFFFF);

        // Warm up JIT and exception machinery so only the assembler's own allocations are measured.
        using (var warmUp = new FragmentAssembler())
        {
            Assert.Throws<PsrpProtocolException>(() => warmUp.Feed(header));
        }

        using var assembler = new FragmentAssembler();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<PsrpProtocolException>(() => assembler.Feed(header));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(PsrpProtocolError.ObjectTooLarge, ex.Code);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void LargeAllowedClaim_BuffersOnlyWhatArrives()
    {
        // Even under a permissive limit, a peer that claims ~2 GiB and sends 64 KiB costs ~64 KiB.
        const uint claimed = 0x7FFF0000;
        byte[] header = HeaderWithRawLength(1, 0, Whole, claimed);
        byte[] payload = new byte[64 << 10];

        using (var warmUp = new FragmentAssembler(Array.MaxLength))
        {
            warmUp.Feed(header);
            warmUp.Feed(payload);
        }

        using var assembler = new FragmentAssembler(Array.MaxLength);
        long before = GC.GetAllocatedBytesForCurrentThread();
        assembler.Feed(header);
        assembler.Feed(payload);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
        var ex = Assert.Throws<PsrpProtocolException>(assembler.Complete);
        Assert.Equal(PsrpProtocolError.TruncatedFragment, ex.Code);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(20)]
    public void StreamEndingInsideHeader_FailsOnComplete(int headerBytes)
    {
        using var assembler = new FragmentAssembler();
        assembler.Feed(Fragment(1, 0, Whole, 4));
        assembler.Feed(Fragment(2, 0, Whole, 4).AsSpan(0, headerBytes));

        var ex = Assert.Throws<PsrpProtocolException>(assembler.Complete);

        Assert.Equal(PsrpProtocolError.TruncatedHeader, ex.Code);
        Assert.Equal(1, assembler.Count); // the whole object before the cut is still readable
    }

    [Fact]
    public void StreamEndingInsideBlob_FailsOnComplete()
    {
        using var assembler = new FragmentAssembler();
        assembler.Feed(Fragment(1, 0, Whole, 10).AsSpan(0, FragmentHeader.Size + 3));

        var ex = Assert.Throws<PsrpProtocolException>(assembler.Complete);

        Assert.Equal(PsrpProtocolError.TruncatedFragment, ex.Code);
        Assert.Contains("7 of the 10", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StreamEndingBeforeEndFragment_FailsOnComplete()
    {
        using var assembler = new FragmentAssembler();
        assembler.Feed(Fragment(4, 0, Start, 10));

        var ex = Assert.Throws<PsrpProtocolException>(assembler.Complete);

        Assert.Equal(PsrpProtocolError.IncompleteObject, ex.Code);
    }

    [Fact]
    public void Complete_OnCleanBoundary_SucceedsAndEndsTheStream()
    {
        using var assembler = new FragmentAssembler();
        assembler.Feed(Fragment(1, 0, Whole, 4));

        assembler.Complete();

        Assert.Throws<InvalidOperationException>(() => assembler.Feed(Fragment(2, 0, Whole, 4)));
        Assert.Throws<InvalidOperationException>(assembler.Complete);
        Assert.Equal(1, assembler.Count);
    }

    [Fact]
    public void AfterAViolation_FurtherInputIsRefusedButEarlierObjectsStayReadable()
    {
        using var assembler = new FragmentAssembler();
        byte[] stream = Concat(Fragment(1, 0, Whole, 4), Fragment(0, 0, Whole, 4));

        Assert.Throws<PsrpProtocolException>(() => assembler.Feed(stream));

        Assert.Throws<InvalidOperationException>(() => assembler.Feed(Fragment(2, 0, Whole, 4)));
        Assert.Throws<InvalidOperationException>(assembler.Complete);
        Assert.True(assembler.TryRead(out AssembledObject? obj));
        using (obj)
        {
            Assert.Equal(1UL, obj.ObjectId);
        }
    }
}
