using Psrp.Messages;
using Psrp.Serialization;

namespace Psrp.Tests.Messages.Records;

/// <summary>
/// Wrapping application arguments copies nested hashtables; one that holds itself has no finite
/// copy, and following it overflowed the stack (which kills the process) instead of failing the call.
/// </summary>
public class PrimitiveDictionaryCycleTests
{
    [Fact]
    public void A_dictionary_holding_itself_is_refused()
    {
        var entries = new PsDictionary();
        entries.Add("self", entries);

        var error = Assert.Throws<ArgumentException>(() => PsPrimitiveDictionary.ToPsObject(entries));

        Assert.Contains("self", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dictionary_shared_by_two_keys_is_copied_twice()
    {
        var shared = new PsDictionary();
        shared.Add("v", 1);
        var entries = new PsDictionary();
        entries.Add("a", shared);
        entries.Add("b", shared);

        var wrapped = PsPrimitiveDictionary.ToPsObject(entries);

        Assert.Equal(2, ((PsDictionary)wrapped.BaseValue!).Count);
    }
}
