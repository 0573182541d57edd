using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Psrp.Hosting.Plugins;

/// <summary>
/// Reads a file's metadata without loading it, to decide whether it can be a plugin. Only an
/// assembly that references the contract can carry an <c>[ExportTransportProvider]</c> (the
/// attribute's type lives there), so everything else is a dependency and is not given a load
/// context of its own.
/// </summary>
internal static class PluginProbe
{
    /// <summary>Classifies <paramref name="path"/>; throws <see cref="BadImageFormatException"/> for a file that is not a PE image at all.</summary>
    public static PluginFileKind Probe(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            return PluginFileKind.Native;
        }

        var metadata = pe.GetMetadataReader();
        if (!metadata.IsAssembly)
        {
            return PluginFileKind.Dependency;
        }

        if (SharedAssemblies.IsShared(metadata.GetString(metadata.GetAssemblyDefinition().Name)))
        {
            return PluginFileKind.SharedCopy;
        }

        foreach (var handle in metadata.AssemblyReferences)
        {
            var reference = metadata.GetAssemblyReference(handle);
            if (metadata.StringComparer.Equals(reference.Name, SharedAssemblies.ContractAssemblyName, ignoreCase: true))
            {
                return PluginFileKind.Candidate;
            }
        }

        return PluginFileKind.Dependency;
    }
}
