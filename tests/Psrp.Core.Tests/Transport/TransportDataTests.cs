using System.Buffers;
using Psrp.Transport;

namespace Psrp.Tests.Transport;

/// <summary>Received data in a rented array goes back to the pool once, and only when rented.</summary>
public class TransportDataTests
{
    [Fact]
    public void Rented_data_exposes_only_the_written_bytes()
    {
        var rented = ArrayPool<byte>.Shared.Rent(100);
        new byte[] { 1, 2, 3 }.CopyTo(rented, 0);

        var data = TransportData.FromRented(Guid.Empty, PsrpStreamKind.Default, rented, 3);

        Assert.Equal([1, 2, 3], data.Bytes.ToArray());
        data.Release();
    }

    [Fact]
    public void Release_returns_the_array_once_even_when_called_again()
    {
        var rented = ArrayPool<byte>.Shared.Rent(4096);
        var data = TransportData.FromRented(Guid.NewGuid(), PsrpStreamKind.PromptResponse, rented, 10);

        data.Release();
        data.Release();

        // A double return would put the array in the pool twice: two rents would then share it.
        var first = ArrayPool<byte>.Shared.Rent(4096);
        var second = ArrayPool<byte>.Shared.Rent(4096);
        Assert.NotSame(first, second);
        ArrayPool<byte>.Shared.Return(first);
        ArrayPool<byte>.Shared.Return(second);
    }

    [Fact]
    public void A_copy_made_with_with_does_not_own_the_rented_array()
    {
        var rented = ArrayPool<byte>.Shared.Rent(4096);
        var data = TransportData.FromRented(Guid.Empty, PsrpStreamKind.Default, rented, 10);
        var copy = data with { Stream = PsrpStreamKind.PromptResponse };

        copy.Release();
        data.Release();

        var first = ArrayPool<byte>.Shared.Rent(4096);
        var second = ArrayPool<byte>.Shared.Rent(4096);
        Assert.NotSame(first, second);
        Assert.Equal(10, copy.Bytes.Length);
        ArrayPool<byte>.Shared.Return(first);
        ArrayPool<byte>.Shared.Return(second);
    }

    [Fact]
    public void Release_of_data_that_was_not_rented_does_nothing()
    {
        var bytes = new byte[] { 9, 8 };
        var data = new TransportData(Guid.Empty, PsrpStreamKind.Default, bytes);

        data.Release();

        Assert.Equal([9, 8], data.Bytes.ToArray());
    }
}
