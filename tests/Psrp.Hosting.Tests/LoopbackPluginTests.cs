using System.Runtime.Loader;
using Psrp.Transport;

namespace Psrp.Hosting.Tests;

/// <summary>A separately built third-party plugin, dropped into a folder, is found, isolated and used.</summary>
public class LoopbackPluginTests
{
    private const string HelperName = "Psrp.Plugin.Loopback.Helper";

    internal static SessionParameters LoopbackSession(string? provider = null) => new()
    {
        Target = "loopback://",
        Provider = provider,
        ProviderSettings = new Dictionary<string, string> { ["server"] = LocalServer.DllPath },
    };

    [Fact]
    public async Task DroppedPlugin_IsFound_Listed_SelectedByScheme_AndRunsAPipeline()
    {
        using var temp = new TempFolder();
        var dll = PluginsUnderTest.CopyFlat(PluginsUnderTest.Loopback, temp.Path);

        var catalog = Catalogs.Over(temp.Path);

        Assert.Empty(catalog.Failures);
        Assert.Empty(catalog.Conflicts);
        Assert.Equal([temp.Path], catalog.PluginFolders);
        var info = Assert.Single(catalog.Providers, p => p.Name == "loopback");
        Assert.Equal(["loopback"], info.Schemes);
        Assert.Equal(dll, info.Source);
        Assert.False(info.IsBuiltIn);
        Assert.True(info.SupportedOnThisSystem);
        Assert.Contains(catalog.Providers, p => p.Name == "process" && p.IsBuiltIn);

        var (selected, provider) = catalog.Select(TransportTarget.Parse("loopback://"));
        Assert.Equal(info, selected);

        await using var pool = await new PsrpSessionFactory(catalog).OpenAsync(LoopbackSession(), cancellationToken: Catalogs.SessionTimeout());
        var output = await pool.InvokeScriptAsync("1+1");
        Assert.Equal(2, Assert.Single(output)!.BaseValue);

        // The plugin has its own load context, its helper came from the plugin folder into it, and
        // the contract it implements is the host's (no second Psrp.Core).
        var context = AssemblyLoadContext.GetLoadContext(provider.GetType().Assembly)!;
        Assert.NotSame(AssemblyLoadContext.Default, context);
        var helper = Assert.Single(context.Assemblies, a => a.GetName().Name == HelperName);
        Assert.Equal(Path.Combine(temp.Path, HelperName + ".dll"), helper.Location);
        Assert.DoesNotContain(context.Assemblies, a => a.GetName().Name == "Psrp.Core");
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name == HelperName);
        Assert.False(File.Exists(Path.Combine(PluginsUnderTest.Root, PluginsUnderTest.Loopback, "Psrp.Core.dll")), "A plugin built as documented ships no copy of the contract.");
    }

    [Fact]
    public void PluginInItsOwnSubfolder_IsFound_AndItsDependenciesAreNotCandidates()
    {
        using var temp = new TempFolder();
        var dll = PluginsUnderTest.CopyNested(PluginsUnderTest.Loopback, temp.Path);
        File.WriteAllBytes(temp.Combine(PluginsUnderTest.Loopback, "Unrelated.dll"), [1, 2, 3]);

        var catalog = Catalogs.Over(temp.Path);

        Assert.Empty(catalog.Failures);
        Assert.Equal(dll, Assert.Single(catalog.Providers, p => p.Name == "loopback").Source);
    }

    [Fact]
    public void PluginWithoutDepsJson_StillFindsTheDependenciesBesideIt()
    {
        using var temp = new TempFolder();
        PluginsUnderTest.CopyFlat(PluginsUnderTest.Loopback, temp.Path);
        File.Delete(temp.Combine(PluginsUnderTest.Loopback + ".deps.json"));

        var catalog = Catalogs.Over(temp.Path);

        Assert.Empty(catalog.Failures);
        var (_, provider) = catalog.Select(TransportTarget.Parse("loopback://"));
        var helper = Assert.Single(AssemblyLoadContext.GetLoadContext(provider.GetType().Assembly)!.Assemblies, a => a.GetName().Name == HelperName);
        Assert.Equal(temp.Combine(HelperName + ".dll"), helper.Location);
    }

    [Fact]
    public void PluginShippingItsOwnContractCopy_StillBindsToTheHostContract()
    {
        using var temp = new TempFolder();
        PluginsUnderTest.CopyFlat(PluginsUnderTest.Loopback, temp.Path);
        foreach (var shared in new[] { typeof(ITransportProvider).Assembly, typeof(Microsoft.Extensions.Logging.ILogger).Assembly, typeof(System.Composition.ExportAttribute).Assembly })
        {
            File.Copy(shared.Location, temp.Combine(Path.GetFileName(shared.Location)));
        }

        var catalog = Catalogs.Over(temp.Path);

        Assert.Empty(catalog.Failures);
        var (_, provider) = catalog.Select(TransportTarget.Parse("loopback://"));
        var context = AssemblyLoadContext.GetLoadContext(provider.GetType().Assembly)!;
        Assert.DoesNotContain(context.Assemblies, a => a.GetName().Name == "Psrp.Core");
    }

    [Fact]
    public void SamePluginInTwoFolders_FirstFolderWins_SecondIsReportedAsADuplicateName()
    {
        using var temp = new TempFolder();
        var first = PluginsUnderTest.CopyFlat(PluginsUnderTest.Loopback, temp.Combine("a"));
        var second = PluginsUnderTest.CopyFlat(PluginsUnderTest.Loopback, temp.Combine("b"));

        var catalog = Catalogs.Over(temp.Combine("a"), temp.Combine("b"));

        Assert.Equal(first, Assert.Single(catalog.Providers, p => p.Name == "loopback").Source);
        var failure = Assert.Single(catalog.Failures);
        Assert.Equal(second, failure.Path);
        Assert.Contains("already loaded from " + first, failure.Reason, StringComparison.Ordinal);
    }
}
