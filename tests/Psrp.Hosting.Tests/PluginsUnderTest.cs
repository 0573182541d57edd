namespace Psrp.Hosting.Tests;

/// <summary>The separately built plugins (tests/Plugins), copied by the build to plugins-under-test/&lt;name&gt;/.</summary>
internal static class PluginsUnderTest
{
    public const string Loopback = "Psrp.Plugin.Loopback";
    public const string Throwing = "Psrp.Plugin.Throwing";
    public const string MissingDependency = "Psrp.Plugin.MissingDependency";
    public const string Rival = "Psrp.Plugin.Rival";

    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "plugins-under-test");

    /// <summary>Copies a plugin's files straight into <paramref name="folder"/> (the flat layout); returns the plugin dll's path.</summary>
    public static string CopyFlat(string plugin, string folder)
    {
        var source = Path.Combine(Root, plugin);
        Assert.True(File.Exists(Path.Combine(source, plugin + ".dll")), $"The plugin {plugin} was not built to {source}.");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        }

        return Path.Combine(folder, plugin + ".dll");
    }

    /// <summary>Copies a plugin into <c>folder/&lt;plugin&gt;/</c> (the folder-per-plugin layout); returns the plugin dll's path.</summary>
    public static string CopyNested(string plugin, string folder) => CopyFlat(plugin, Path.Combine(folder, plugin));
}
