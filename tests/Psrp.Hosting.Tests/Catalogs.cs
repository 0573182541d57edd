namespace Psrp.Hosting.Tests;

/// <summary>Catalogs over exactly the given plugin folders (never the machine's default ones).</summary>
internal static class Catalogs
{
    public static TransportCatalog Over(params string[] folders)
    {
        var options = new PsrpHostingOptions { IncludeDefaultPluginFolders = false };
        options.PluginFolders.AddRange(folders);
        return TransportCatalog.Create(options);
    }

    public static CancellationToken SessionTimeout() => new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;
}
