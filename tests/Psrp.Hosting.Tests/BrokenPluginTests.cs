using Psrp.Transport;

namespace Psrp.Hosting.Tests;

/// <summary>Broken plugins are reported with their path and cause, and never stop the good ones.</summary>
public class BrokenPluginTests
{
    [Fact]
    public async Task BadImage_ThrowingConstructor_AndMissingDependency_AreReported_AndTheGoodPluginStillWorks()
    {
        using var temp = new TempFolder();
        PluginsUnderTest.CopyFlat(PluginsUnderTest.Loopback, temp.Path);
        var throwing = PluginsUnderTest.CopyFlat(PluginsUnderTest.Throwing, temp.Path);
        var missing = PluginsUnderTest.CopyFlat(PluginsUnderTest.MissingDependency, temp.Path);
        File.Delete(temp.Combine("Psrp.Plugin.MissingDependency.Helper.dll"));
        var garbage = temp.Combine("Garbage.dll");
        File.WriteAllText(garbage, "this is not an assembly");
        var empty = temp.Combine("Empty.dll");
        File.WriteAllBytes(empty, []);

        // Not .dll files: a plugin's companions, never candidates and never reported.
        File.WriteAllText(temp.Combine("README.txt"), "notes");
        File.WriteAllBytes(temp.Combine("libnative.so"), [0x7f, (byte)'E', (byte)'L', (byte)'F']);

        var catalog = Catalogs.Over(temp.Path);

        Assert.Equal([empty, garbage, missing, throwing], catalog.Failures.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.Contains("bad image", catalog.Failures.Single(f => f.Path == garbage).Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("bad image", catalog.Failures.Single(f => f.Path == empty).Reason, StringComparison.OrdinalIgnoreCase);
        var ctor = catalog.Failures.Single(f => f.Path == throwing).Reason;
        Assert.Contains("'throwing'", ctor, StringComparison.Ordinal);
        Assert.Contains("constructor", ctor, StringComparison.Ordinal);
        Assert.Contains("refuses to be created", ctor, StringComparison.Ordinal);
        var dependency = catalog.Failures.Single(f => f.Path == missing).Reason;
        Assert.Contains("dependency", dependency, StringComparison.Ordinal);
        Assert.Contains("Psrp.Plugin.MissingDependency.Helper", dependency, StringComparison.Ordinal);

        Assert.DoesNotContain(catalog.Providers, p => p.Name is "throwing" or "missing-dependency");
        Assert.Equal("loopback", catalog.Select(TransportTarget.Parse("loopback://")).Info.Name);
        await using var pool = await new PsrpSessionFactory(catalog).OpenAsync(LoopbackPluginTests.LoopbackSession(), cancellationToken: Catalogs.SessionTimeout());
        Assert.Equal(2, Assert.Single(await pool.InvokeScriptAsync("1+1"))!.BaseValue);
    }

    [Fact]
    public void MissingFolder_IsListed_NotAnError()
    {
        using var temp = new TempFolder();
        var missing = temp.Combine("does-not-exist");

        var catalog = Catalogs.Over(missing);

        Assert.Equal([missing], catalog.PluginFolders);
        Assert.Empty(catalog.Failures);
        Assert.All(catalog.Providers, p => Assert.Equal(TransportProviderInfo.BuiltIn, p.Source));
        Assert.Equal(["process", "container", "ssh", "openssh", "hyperv", "wsman"], catalog.Providers.Select(p => p.Name));
        Assert.Equal(["process"], catalog.Providers[0].Schemes);
    }
}
