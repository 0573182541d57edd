using Psrp.Serialization;
using Psrp.Tests.Serialization.Support;

namespace Psrp.Tests.Serialization;

/// <summary>Enums built with the model API and read back through it, over every underlying type.</summary>
public class EnumModelTests
{
    public static TheoryData<Enum> Values => new()
    {
        ConsoleColor.Red, Access.Read | Access.Write, ByteEnum.Max, SByteEnum.Min, ShortEnum.Min, UShortEnum.Max,
        UIntEnum.Max, LongEnum.Min, LongEnum.Max, ULongFlags.Top | ULongFlags.Low,
    };

    private static PsObject Create(Enum value) =>
        (PsObject)typeof(PsObject).GetMethods().Single(m => m.Name == nameof(PsObject.CreateEnum) && m.IsGenericMethod)
            .MakeGenericMethod(value.GetType()).Invoke(null, [value, null])!;

    private static object ConvertTo(object value, Type type) =>
        typeof(PsValue).GetMethod(nameof(PsValue.ConvertTo))!.MakeGenericMethod(type).Invoke(null, [value])!;

    [Theory]
    [MemberData(nameof(Values))]
    public void CreateEnum_is_laid_out_as_PowerShell_writes_the_enum(Enum value)
    {
        var ours = PsOracle.OurDocument(Create(value));

        Assert.Equal(ClixmlCanonicalForm.Of(PsOracle.Serialize(value, 1)), ClixmlCanonicalForm.Of(ours));
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void ConvertTo_gets_the_enum_back_from_what_PowerShell_wrote(Enum value)
    {
        var read = ClixmlReader.Deserialize(PsOracle.Serialize(value, 1))!;

        Assert.Equal(value, ConvertTo(read, value.GetType()));
        Assert.Equal(value, ConvertTo(value.ToString(), value.GetType()));
    }

    [Fact]
    public void ConvertTo_gives_the_integer_of_an_enum_object_and_refuses_unknown_names()
    {
        var red = PsObject.CreateEnum(ConsoleColor.Red);

        Assert.Equal(12, PsValue.ConvertTo<int>(red));
        Assert.Equal(12L, PsValue.ConvertTo<long>(red));
        Assert.Equal(ConsoleColor.Red, PsValue.ConvertTo<ConsoleColor?>(red));
        Assert.Throws<InvalidCastException>(() => PsValue.ConvertTo<ConsoleColor>("Mauve"));
    }
}
