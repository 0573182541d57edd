using System.Composition;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Psrp.Hosting.Plugins;
using Psrp.Transport;

namespace Psrp.Hosting.Composition;

/// <summary>
/// Collects providers in precedence order — built-in assemblies first, then each plugin folder's
/// entry files — and every failure on the way. Nothing a plugin does (bad image, missing
/// dependency, throwing constructor, a name already taken) stops the next one from loading.
/// </summary>
internal sealed class CatalogBuilder
{
    private readonly ILogger _logger;
    private readonly List<LoadedProvider> _providers = [];
    private readonly Dictionary<string, LoadedProvider> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<PluginLoadFailure> _failures = [];

    public CatalogBuilder(ILogger logger) => _logger = logger;

    /// <summary>Providers in precedence order.</summary>
    public IReadOnlyList<LoadedProvider> Providers => _providers;

    /// <summary>Providers by name, case-insensitive.</summary>
    public IReadOnlyDictionary<string, LoadedProvider> ByName => _byName;

    public IReadOnlyList<PluginLoadFailure> Failures => _failures;

    public void AddBuiltIn(Assembly assembly)
    {
        var path = string.IsNullOrEmpty(assembly.Location) ? assembly.GetName().Name ?? assembly.FullName ?? "?" : assembly.Location;
        IReadOnlyList<ExportFactory<ITransportProvider, TransportProviderMetadata>> exports;
        try
        {
            exports = ProviderComposer.Exports(assembly);
        }
#pragma warning disable CA1031 // Whatever composition throws, the other assemblies still load.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Fail(path, $"the built-in provider assembly could not be composed: {FailureText.Describe(ex)}");
            return;
        }

        AddExports(exports, TransportProviderInfo.BuiltIn, path);
    }

    public void AddFolder(string folder)
    {
        var exists = Directory.Exists(folder);
        _logger.SearchingFolder(folder, exists);
        if (!exists)
        {
            return;
        }

        IReadOnlyList<string> entries;
        try
        {
            entries = PluginFolderScan.EntryFiles(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Fail(folder, $"the plugin folder could not be read: {FailureText.Describe(ex)}");
            return;
        }

        foreach (var entry in entries)
        {
            AddPlugin(entry);
        }
    }

    private void AddPlugin(string path)
    {
        PluginFileKind kind;
        try
        {
            kind = PluginProbe.Probe(path);
        }
        catch (BadImageFormatException ex)
        {
            Fail(path, $"not a .NET assembly (bad image format): {FailureText.Describe(ex)}");
            return;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Fail(path, $"could not be read: {FailureText.Describe(ex)}");
            return;
        }

        switch (kind)
        {
            case PluginFileKind.Native:
                _logger.SkippedFile(path, "a native library, not a .NET assembly");
                return;
            case PluginFileKind.Dependency:
                _logger.SkippedFile(path, $"does not reference {SharedAssemblies.ContractAssemblyName}, so it cannot export a transport provider");
                return;
            case PluginFileKind.SharedCopy:
                _logger.SkippedFile(path, "a copy of an assembly the host shares with plugins; the host's copy is used");
                return;
        }

        IReadOnlyList<ExportFactory<ITransportProvider, TransportProviderMetadata>> exports;
        var phase = "could not be loaded";
        try
        {
            var context = new PluginLoadContext(path);
            var assembly = context.LoadFromAssemblyPath(path);
            phase = "could not be composed";
            exports = ProviderComposer.Exports(assembly);
            if (exports.Count == 0)
            {
                // A library several plugins share references the contract too; it is not a plugin.
                _logger.SkippedFile(path, "exports no transport provider");
                return;
            }

            phase = "a dependency could not be loaded (a plugin must ship every assembly it references beside it, except the ones the host shares)";
            context.LoadReferences(assembly);
        }
#pragma warning disable CA1031 // A plugin may fail in any way; it is reported and the next one loads.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Fail(path, $"{phase}: {FailureText.Describe(ex)}");
            return;
        }

        AddExports(exports, path, path);
    }

    private void AddExports(IReadOnlyList<ExportFactory<ITransportProvider, TransportProviderMetadata>> exports, string source, string path)
    {
        // Metadata order within one assembly is MEF's; sort by name so precedence never depends on it.
        foreach (var export in exports.OrderBy(e => e.Metadata.Name, StringComparer.Ordinal))
        {
            var metadata = export.Metadata;
            var info = new TransportProviderInfo(
                metadata.Name,
                Normalize(metadata.Schemes),
                metadata.Description ?? string.Empty,
                Normalize(metadata.OperatingSystems),
                source,
                metadata.SupportsCurrentOperatingSystem);
            if (_byName.TryGetValue(info.Name, out var existing))
            {
                Fail(path, $"provider '{info.Name}' skipped: a provider of that name is already loaded from {existing.Info.Source}. Provider names must be unique; remove one of the two.");
                continue;
            }

            // Created now, not on first use, so a broken constructor is reported with the other
            // load failures instead of surprising the first session. A provider that does not run
            // on this system is never created: its constructor may touch that system's APIs.
            ITransportProvider? provider = null;
            if (info.SupportedOnThisSystem)
            {
                try
                {
                    provider = export.CreateExport().Value;
                }
#pragma warning disable CA1031 // A throwing provider constructor is the plugin's failure, not the host's.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Fail(path, $"provider '{info.Name}' could not be created (its constructor failed): {FailureText.Describe(ex)}");
                    continue;
                }
            }

            var loaded = new LoadedProvider(info, provider);
            _byName.Add(info.Name, loaded);
            _providers.Add(loaded);
            _logger.ProviderLoaded(info.Name, string.Join(", ", info.Schemes), info.Source, info.SupportedOnThisSystem);
        }
    }

    private void Fail(string path, string reason)
    {
        _failures.Add(new PluginLoadFailure(path, reason));
        _logger.PluginFailed(path, reason);
    }

    private static string[] Normalize(string[]? values) =>
        (values ?? [])
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => v.Trim().ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToArray();
}
