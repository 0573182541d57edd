using System.Buffers;
using Psrp.Fragments;
using Psrp.WSMan.Endpoint.Shells;

namespace Psrp.WSMan.Endpoint.Tests;

/// <summary>The byte stream of fragments cut back into whole fragments, however it was split.</summary>
public sealed class FragmentCutterTests
{
    [Fact]
    public void Any_split_of_the_stream_gives_back_the_same_whole_fragments()
    {
        var fragmenter = new Fragmenter(100);
        var stream = new ArrayBufferWriter<byte>();
        fragmenter.Write(new byte[250], stream);
        fragmenter.Write(new byte[3], stream);
        var bytes = stream.WrittenSpan.ToArray();
        var expected = new FragmentCutter(1000).Feed(bytes);
        Assert.Equal(5, expected.Count); // 250 bytes at 79 per fragment, then 3

        var random = new Random(8);
        for (var round = 0; round < 200; round++)
        {
            var cutter = new FragmentCutter(1000);
            var got = new List<byte[]>();
            var offset = 0;
            while (offset < bytes.Length)
            {
                var take = Math.Min(bytes.Length - offset, random.Next(1, 60));
                got.AddRange(cutter.Feed(bytes.AsSpan(offset, take)));
                offset += take;
            }

            Assert.False(cutter.HasPartialFragment);
            Assert.Equal(expected.Select(Convert.ToHexString), got.Select(Convert.ToHexString));
        }
    }

    [Fact]
    public void A_fragment_announcing_more_than_the_limit_or_a_negative_length_is_refused_before_it_is_buffered()
    {
        var header = new byte[FragmentHeader.Size];
        new FragmentHeader(1, 0, FragmentFlags.Start | FragmentFlags.End, int.MaxValue).Write(header);
        Assert.Throws<InvalidDataException>(() => new FragmentCutter(1 << 20).Feed(header));

        header.AsSpan(17, 4).Fill(0xFF);
        Assert.Throws<InvalidDataException>(() => new FragmentCutter(1 << 20).Feed(header));
    }
}
