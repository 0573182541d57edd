namespace Psrp.Hosting.Plugins;

/// <summary>What a <c>.dll</c> in a plugin folder turned out to be, before anything is loaded.</summary>
internal enum PluginFileKind
{
    /// <summary>A .NET assembly that references the contract: it may export providers, so it is loaded.</summary>
    Candidate,

    /// <summary>A PE image without .NET metadata (a native library a plugin ships): skipped silently.</summary>
    Native,

    /// <summary>A .NET assembly that cannot export a provider (a plugin's dependency): skipped silently.</summary>
    Dependency,

    /// <summary>A copy of a shared assembly (e.g. <c>Psrp.Core.dll</c>): the host's copy is used instead.</summary>
    SharedCopy,
}
