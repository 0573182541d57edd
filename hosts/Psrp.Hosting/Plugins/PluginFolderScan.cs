namespace Psrp.Hosting.Plugins;

/// <summary>
/// The <c>.dll</c> files of one plugin folder that may be plugins, in precedence order. Two
/// layouts are supported and may be mixed: flat (<c>plugins/X.dll</c> with its dependencies
/// beside it) and one folder per plugin (<c>plugins/X/X.dll</c>, whose other files are only its
/// dependencies — the layout to use when two plugins carry different versions of a library).
/// </summary>
internal static class PluginFolderScan
{
    /// <summary>Entry files ordered by file name (ordinal), then by path, so the order never depends on the file system.</summary>
    public static IReadOnlyList<string> EntryFiles(string folder)
    {
        var files = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (IsDll(file))
            {
                files.Add(file);
            }
        }

        foreach (var directory in Directory.EnumerateDirectories(folder))
        {
            var entry = Path.Combine(directory, Path.GetFileName(directory) + ".dll");
            if (File.Exists(entry))
            {
                files.Add(entry);
            }
        }

        return files
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)
            .ThenBy(f => f, StringComparer.Ordinal)
            .ToArray();
    }

    // Only .dll files are assemblies a plugin can be; .deps.json, .pdb, .so, .txt and the rest are
    // a plugin's companions and are never reported.
    private static bool IsDll(string file) => file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
}
