using Psrp.Fragments;

namespace Psrp.Tests.Fragments;

public class FragmentHeaderTests
{
    [Fact]
    public void Write_UsesBigEndianLayout()
    {
        var header = new FragmentHeader(0x0102030405060708, 0x1112131415161718, FragmentFlags.Start | FragmentFlags.End, 0x21222324);
        byte[] bytes = new byte[FragmentHeader.Size];

        header.Write(bytes);

        Assert.Equal("0102030405060708" + "1112131415161718" + "03" + "21222324", Convert.ToHexStringLower(bytes));
    }

    [Fact]
    public void TryRead_RoundTripsWrite()
    {
        var header = new FragmentHeader(42, 7, FragmentFlags.End, 32747);
        byte[] bytes = new byte[FragmentHeader.Size + 5];
        header.Write(bytes);

        Assert.True(FragmentHeader.TryRead(bytes, out FragmentHeader read));

        Assert.Equal(header, read);
        Assert.False(read.IsStart);
        Assert.True(read.IsEnd);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    public void TryRead_TooShort_ReturnsFalse(int length)
    {
        Assert.False(FragmentHeader.TryRead(new byte[length], out FragmentHeader header));
        Assert.Equal(default, header);
    }

    [Fact]
    public void TryRead_KeepsReservedFlagBitsAndNegativeLengthAsSent()
    {
        byte[] bytes = FragmentTestHelpers.HeaderWithRawLength(1, 0, (FragmentFlags)0xFD, 0x80000001);

        Assert.True(FragmentHeader.TryRead(bytes, out FragmentHeader header));

        Assert.Equal(0xFD, (byte)header.Flags);
        Assert.True(header.IsStart);
        Assert.False(header.IsEnd);
        Assert.Equal(unchecked((int)0x80000001), header.BlobLength);
    }

    [Fact]
    public void Constructor_RejectsNegativeLength()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FragmentHeader(1, 0, FragmentFlags.Start, -1));
    }

    [Fact]
    public void Write_RejectsShortDestination()
    {
        var header = new FragmentHeader(1, 0, FragmentFlags.Start, 0);
        Assert.Throws<ArgumentException>(() => header.Write(new byte[FragmentHeader.Size - 1]));
    }
}
