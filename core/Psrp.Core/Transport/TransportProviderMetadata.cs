namespace Psrp.Transport;

/// <summary>
/// The metadata of an exported provider, as a host reads it without instantiating the provider
/// (the MEF metadata view of <see cref="ExportTransportProviderAttribute"/>).
/// </summary>
public sealed class TransportProviderMetadata
{
    /// <summary>The provider's name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>URI schemes it serves.</summary>
    public string[] Schemes { get; set; } = [];

    /// <summary>Description.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>Operating systems it runs on; empty means all.</summary>
    public string[] OperatingSystems { get; set; } = [];

    /// <summary>True when the provider supports the operating system this process runs on.</summary>
    public bool SupportsCurrentOperatingSystem =>
        OperatingSystems.Length == 0 || OperatingSystems.Any(os => OperatingSystem.IsOSPlatform(os));
}
