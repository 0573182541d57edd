using Psrp.Serialization;

namespace Psrp.Tests.Serialization;

/// <summary>
/// <see cref="PsValue.ConvertTo{T}"/> documents one failure, <see cref="InvalidCastException"/>:
/// callers (the host-call dispatcher, payload decoders) catch that, so text that is no number or a
/// number out of range must fail the same way, not as FormatException or OverflowException.
/// </summary>
public class ConvertToContractTests
{
    [Fact]
    public void Text_that_is_no_number_is_an_invalid_cast()
    {
        var error = Assert.Throws<InvalidCastException>(() => PsValue.ConvertTo<int>("abc"));

        Assert.IsType<FormatException>(error.InnerException);
        Assert.Contains("Int32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_out_of_range_is_an_invalid_cast()
    {
        var error = Assert.Throws<InvalidCastException>(() => PsValue.ConvertTo<byte>(300));

        Assert.IsType<OverflowException>(error.InnerException);
    }

    [Fact]
    public void An_enum_shaped_object_with_text_for_a_number_is_an_invalid_cast()
    {
        Assert.Throws<InvalidCastException>(() => PsValue.ConvertTo<uint>(new PsObject { BaseValue = "-1" }));
    }

    [Fact]
    public void Good_values_still_convert()
    {
        Assert.Equal(42, PsValue.ConvertTo<int>("42"));
        Assert.Equal((byte)200, PsValue.ConvertTo<byte>(200L));
        Assert.Equal(ConsoleColor.Red, PsValue.ConvertTo<ConsoleColor>("red"));
    }
}
