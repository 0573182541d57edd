using System.Buffers;
using Psrp.Fragments;

namespace Psrp.Tests.Fragments;

/// <summary>A fragmenter's size can change between messages (WSMan raises it after negotiation); object ids go on.</summary>
public sealed class FragmenterResizeTests
{
    [Fact]
    public void A_new_size_applies_to_the_next_message_and_object_ids_continue()
    {
        var fragmenter = new Fragmenter(maxFragmentSize: 121);
        var first = new ArrayBufferWriter<byte>();
        Assert.Equal(1UL, fragmenter.Write(new byte[250], first));

        fragmenter.MaxFragmentSize = 1021;
        var second = new ArrayBufferWriter<byte>();
        Assert.Equal(2UL, fragmenter.Write(new byte[250], second));

        // 250 bytes: three fragments of at most 100 blob bytes before, one fragment after.
        Assert.Equal(250 + (3 * FragmentHeader.Size), first.WrittenCount);
        Assert.Equal(250 + FragmentHeader.Size, second.WrittenCount);
        Assert.Equal(1000, fragmenter.MaxBlobLength);
    }

    [Fact]
    public void A_size_below_one_blob_byte_is_refused()
    {
        var fragmenter = new Fragmenter();
        Assert.Throws<ArgumentOutOfRangeException>(() => fragmenter.MaxFragmentSize = FragmentHeader.Size);
        Assert.Equal(Fragmenter.DefaultMaxFragmentSize, fragmenter.MaxFragmentSize);
    }
}
