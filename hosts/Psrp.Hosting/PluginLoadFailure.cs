namespace Psrp.Hosting;

/// <summary>
/// A plugin (or plugin folder) that could not be used and was skipped; the others still load.
/// </summary>
/// <param name="Path">The plugin assembly (or folder) at fault.</param>
/// <param name="Reason">What went wrong, including the underlying error (a missing dependency names the assembly).</param>
public sealed record PluginLoadFailure(string Path, string Reason);
