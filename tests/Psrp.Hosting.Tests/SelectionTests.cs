using Psrp.Transport;

namespace Psrp.Hosting.Tests;

/// <summary>Selection by scheme or name, the duplicate-scheme rule, and the errors when nothing fits.</summary>
public class SelectionTests
{
    [Fact]
    public void DuplicateSchemes_BuiltInThenFileNameOrderWins_EveryConflictIsReported_AndTheLoserIsReachableByName()
    {
        using var temp = new TempFolder();
        PluginsUnderTest.CopyFlat(PluginsUnderTest.Rival, temp.Path);
        PluginsUnderTest.CopyFlat(PluginsUnderTest.Loopback, temp.Path);

        var catalog = Catalogs.Over(temp.Path);

        Assert.Equal(
            [new SchemeConflict("loopback", "loopback", ["rival"]), new SchemeConflict("process", "process", ["rival"])],
            catalog.Conflicts,
            new ConflictComparer());
        Assert.Equal(["process", "container", "ssh", "openssh", "hyperv", "wsman", "loopback", "nowhere", "rival"], catalog.Providers.Select(p => p.Name));
        Assert.Equal(["loopback", "process"], catalog.Providers.Single(p => p.Name == "rival").Schemes);
        Assert.Equal("loopback", catalog.Select(TransportTarget.Parse("loopback://")).Info.Name);
        Assert.Equal("process", catalog.Select(TransportTarget.LocalProcess).Info.Name);
        Assert.Equal("rival", catalog.Select(TransportTarget.Parse("loopback://"), "rival").Info.Name);
        Assert.Equal("rival", catalog.Select(TransportTarget.Parse("loopback://"), "RIVAL").Info.Name);
        Assert.Equal("process", catalog.Select(TransportTarget.LocalProcess, " ").Info.Name);

        var listing = Assert.Throws<ProviderNotFoundException>(() => catalog.Select(TransportTarget.Parse("nosuch:"))).Message;
        Assert.Contains("rival (schemes: loopback: (taken by loopback), process: (taken by process);", listing, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateSchemes_EarlierFolderWins()
    {
        using var temp = new TempFolder();
        PluginsUnderTest.CopyFlat(PluginsUnderTest.Rival, temp.Combine("first"));
        PluginsUnderTest.CopyFlat(PluginsUnderTest.Loopback, temp.Combine("second"));

        var rivalFirst = Catalogs.Over(temp.Combine("first"), temp.Combine("second"));
        var loopbackFirst = Catalogs.Over(temp.Combine("second"), temp.Combine("first"));

        Assert.Equal("rival", rivalFirst.Select(TransportTarget.Parse("loopback://")).Info.Name);
        Assert.Equal(["loopback"], rivalFirst.Conflicts.Single(c => c.Scheme == "loopback").IgnoredProviders);
        Assert.Equal("loopback", loopbackFirst.Select(TransportTarget.Parse("loopback://")).Info.Name);
    }

    [Fact]
    public void UnknownScheme_ThrowsProviderNotFound_ListingWhatIsAvailable()
    {
        using var temp = new TempFolder();
        PluginsUnderTest.CopyFlat(PluginsUnderTest.Loopback, temp.Path);
        File.WriteAllText(temp.Combine("Broken.dll"), "garbage");
        var catalog = Catalogs.Over(temp.Path);

        var ex = Assert.Throws<ProviderNotFoundException>(() => catalog.Select(TransportTarget.Parse("nosuch://host")));

        Assert.Equal("nosuch", ex.Scheme);
        Assert.Null(ex.ProviderName);
        Assert.IsNotType<ProviderNotSupportedException>(ex);
        Assert.Contains("'nosuch:'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("loopback (schemes: loopback:;", ex.Message, StringComparison.Ordinal);
        Assert.Contains("process (schemes: process:; built in)", ex.Message, StringComparison.Ordinal);
        Assert.Contains(temp.Path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(temp.Combine("Broken.dll"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownProviderName_ThrowsProviderNotFound_ListingProviders()
    {
        var catalog = Catalogs.Over();

        var ex = Assert.Throws<ProviderNotFoundException>(() => catalog.Select(TransportTarget.LocalProcess, "nosuch"));

        Assert.Equal("nosuch", ex.ProviderName);
        Assert.Contains("named 'nosuch'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("process (schemes: process:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Plugin folders searched: none", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProviderForAnotherOperatingSystem_IsListed_NeverCreated_AndNotSelectable()
    {
        using var temp = new TempFolder();
        var dll = PluginsUnderTest.CopyFlat(PluginsUnderTest.Rival, temp.Path);
        var catalog = Catalogs.Over(temp.Path);

        // Its constructor throws: no failure means it was never created.
        Assert.Empty(catalog.Failures);
        var info = Assert.Single(catalog.Providers, p => p.Name == "nowhere");
        Assert.False(info.SupportedOnThisSystem);
        Assert.Equal(["plan9"], info.OperatingSystems);
        Assert.Equal(dll, info.Source);
        Assert.Equal($"nowhere (nowhere:, runs on plan9) from {dll}", info.ToString());

        var byScheme = Assert.Throws<ProviderNotSupportedException>(() => catalog.Select(TransportTarget.Parse("nowhere://x")));
        var byName = Assert.Throws<ProviderNotSupportedException>(() => catalog.Select(TransportTarget.LocalProcess, "nowhere"));
        foreach (var ex in new[] { byScheme, byName })
        {
            Assert.Equal(info, ex.Provider);
            Assert.Contains("'nowhere'", ex.Message, StringComparison.Ordinal);
            Assert.Contains("runs only on plan9", ex.Message, StringComparison.Ordinal);
            Assert.Contains("this system is ", ex.Message, StringComparison.Ordinal);
        }
    }

    private sealed class ConflictComparer : IEqualityComparer<SchemeConflict>
    {
        public bool Equals(SchemeConflict? x, SchemeConflict? y) =>
            x is not null && y is not null && x.Scheme == y.Scheme && x.ChosenProvider == y.ChosenProvider && x.IgnoredProviders.SequenceEqual(y.IgnoredProviders);

        public int GetHashCode(SchemeConflict obj) => obj.Scheme.GetHashCode(StringComparison.Ordinal);
    }
}
