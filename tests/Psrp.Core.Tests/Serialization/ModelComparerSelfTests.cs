using System.Collections;
using System.Management.Automation;
using Psrp.Serialization;
using Psrp.Tests.Serialization.Support;

namespace Psrp.Tests.Serialization;

/// <summary>The differential tests are only as good as their comparer: it must notice real differences.</summary>
public class ModelComparerSelfTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(1, 1L)]
    [InlineData(0.0, -0.0)]
    [InlineData(float.NaN, double.NaN)]
    [InlineData("a", "A")]
    [InlineData("a", null)]
    [InlineData(null, "")]
    public void Different_primitives_differ(object? ours, object? theirs) =>
        Assert.NotEmpty(ModelComparer.Compare(ours, theirs));

    [Fact]
    public void Equal_special_values_are_equal()
    {
        Assert.Empty(ModelComparer.Compare(double.NaN, double.NaN));
        Assert.Empty(ModelComparer.Compare(-0.0, -0.0));
        Assert.Empty(ModelComparer.Compare(1.10m, 1.10m));
    }

    [Fact]
    public void Decimal_scale_and_DateTime_kind_matter()
    {
        Assert.NotEmpty(ModelComparer.Compare(1.10m, 1.1m));
        var utc = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.NotEmpty(ModelComparer.Compare(utc, DateTime.SpecifyKind(utc, DateTimeKind.Unspecified)));
    }

    [Fact]
    public void Type_names_ToString_and_properties_are_compared()
    {
        var theirs = new PSObject();
        theirs.Properties.Add(new PSNoteProperty("a", 1));

        Assert.Empty(ModelComparer.Compare(PsObject.CreateCustomObject(("a", 1)), theirs));
        Assert.NotEmpty(ModelComparer.Compare(PsObject.CreateCustomObject(("a", 2)), theirs));
        Assert.NotEmpty(ModelComparer.Compare(PsObject.CreateCustomObject(("b", 1)), theirs));
        Assert.NotEmpty(ModelComparer.Compare(PsObject.CreateCustomObject(), theirs));
        Assert.NotEmpty(ModelComparer.Compare(new PsObject(new PsTypeNames("Other", "System.Object")) { ExtendedProperties = { ["a"] = 1 } }, theirs));
        Assert.NotEmpty(ModelComparer.Compare(new PsObject(PsTypeNames.PSCustomObject) { ToStringValue = "x", ExtendedProperties = { ["a"] = 1 } }, theirs));
    }

    [Fact]
    public void Lists_dictionaries_and_base_values_are_compared()
    {
        var list = new PsObject(PsTypeNames.ObjectArray) { BaseValue = new PsList([1, 2]) };
        Assert.Empty(ModelComparer.Compare(list, new object[] { 1, 2 }));
        Assert.NotEmpty(ModelComparer.Compare(list, new object[] { 2, 1 }));
        Assert.NotEmpty(ModelComparer.Compare(list, new object[] { 1 }));
        Assert.NotEmpty(ModelComparer.Compare(new PsObject(PsTypeNames.ObjectArray), new object[] { 1 }));

        var dictionary = new PsDictionary { ["k"] = 1 };
        var table = new PsObject(PsTypeNames.Hashtable) { BaseValue = dictionary };
        Assert.Empty(ModelComparer.Compare(table, new Hashtable { ["k"] = 1 }));
        Assert.NotEmpty(ModelComparer.Compare(table, new Hashtable { ["k"] = 2 }));
        Assert.NotEmpty(ModelComparer.Compare(table, new Hashtable { ["j"] = 1 }));
    }

    [Fact]
    public void Lost_sharing_and_invented_sharing_are_both_caught()
    {
        var shared = new Hashtable();
        PsObject Table() => new(PsTypeNames.Hashtable) { BaseValue = new PsDictionary() };

        var one = Table();
        Assert.Empty(ModelComparer.Compare(new PsList([one, one]), new object[] { shared, shared }));
        Assert.NotEmpty(ModelComparer.Compare(new PsList([Table(), Table()]), new object[] { shared, shared }));
        Assert.NotEmpty(ModelComparer.Compare(new PsList([one, one]), new object[] { new Hashtable(), new Hashtable() }));
    }
}
