namespace Psrp.Hosting.Plugins;

/// <summary>
/// The plugin folders to search, in precedence order: the configured ones, then (by default)
/// <c>plugins/</c> beside the application, then each entry of <c>PSRP_PLUGIN_PATH</c>.
/// </summary>
internal static class PluginFolderList
{
    // Windows and (by default) macOS file systems ignore case; a folder given twice in different
    // case must still be searched once, or its plugins would collide with themselves.
    private static readonly StringComparer PathComparer =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>Full paths, each once, first occurrence kept.</summary>
    public static IReadOnlyList<string> Resolve(PsrpHostingOptions options, string baseDirectory, string? pluginPathVariable)
    {
        var folders = new List<string>();
        foreach (var folder in options.PluginFolders)
        {
            if (!string.IsNullOrWhiteSpace(folder))
            {
                folders.Add(folder);
            }
        }

        if (options.IncludeDefaultPluginFolders)
        {
            folders.Add(Path.Combine(baseDirectory, PsrpHostingOptions.DefaultPluginFolderName));
            foreach (var entry in (pluginPathVariable ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                folders.Add(entry);
            }
        }

        var seen = new HashSet<string>(PathComparer);
        var result = new List<string>();
        foreach (var folder in folders)
        {
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
            if (seen.Add(full))
            {
                result.Add(full);
            }
        }

        return result;
    }
}
