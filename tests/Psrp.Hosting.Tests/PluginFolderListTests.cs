using Psrp.Hosting.Plugins;

namespace Psrp.Hosting.Tests;

/// <summary>Which plugin folders are searched, in which order.</summary>
public class PluginFolderListTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "psrp-folders");

    [Fact]
    public void ConfiguredFolders_ThenPluginsBesideTheApp_ThenThePluginPathVariable_EachOnce()
    {
        var options = new PsrpHostingOptions();
        options.PluginFolders.Add(Path.Combine(Root, "configured"));
        options.PluginFolders.Add("relative");
        options.PluginFolders.Add(" ");
        var variable = string.Join(Path.PathSeparator, Path.Combine(Root, "env1"), " ", Path.Combine(Root, "configured") + Path.DirectorySeparatorChar, Path.Combine(Root, "env2"));

        var folders = PluginFolderList.Resolve(options, Path.Combine(Root, "app"), variable);

        Assert.Equal(
            [Path.Combine(Root, "configured"), Path.GetFullPath("relative"), Path.Combine(Root, "app", "plugins"), Path.Combine(Root, "env1"), Path.Combine(Root, "env2")],
            folders);
    }

    [Fact]
    public void WithoutDefaultFolders_OnlyTheConfiguredOnes()
    {
        var options = new PsrpHostingOptions { IncludeDefaultPluginFolders = false };
        options.PluginFolders.Add(Path.Combine(Root, "configured"));

        Assert.Equal([Path.Combine(Root, "configured")], PluginFolderList.Resolve(options, Path.Combine(Root, "app"), Path.Combine(Root, "env")));
    }

    [Fact]
    public void Defaults_SearchBesideTheApp_AndPrefillTheProcessProvider()
    {
        var options = new PsrpHostingOptions();

        Assert.True(options.IncludeDefaultPluginFolders);
        Assert.Equal(
            [
                typeof(Psrp.Providers.Process.ProcessTransportProvider).Assembly,
                typeof(Psrp.Providers.Container.ContainerTransportProvider).Assembly,
                typeof(Psrp.Providers.Ssh.SshTransportProvider).Assembly,
                typeof(Psrp.Providers.OpenSsh.OpenSshTransportProvider).Assembly,
                typeof(Psrp.Providers.HyperV.HyperVTransportProvider).Assembly,
                typeof(Psrp.Providers.WSMan.WSManTransportProvider).Assembly,
            ],
            options.BuiltInProviderAssemblies);
        Assert.Equal([Path.Combine(Root, "app", "plugins")], PluginFolderList.Resolve(options, Path.Combine(Root, "app"), null));
    }
}
