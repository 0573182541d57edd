using System.Composition;

namespace Psrp.Transport;

/// <summary>
/// Exports an <see cref="ITransportProvider"/> for discovery, with the metadata hosts select by:
/// the provider's name, the URI schemes it serves, a description and the operating systems it runs on.
/// </summary>
/// <example><c>[ExportTransportProvider("ssh", Schemes = ["ssh"], Description = "PowerShell over SSH")]</c></example>
[MetadataAttribute]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ExportTransportProviderAttribute : ExportAttribute
{
    /// <summary>Exports the class as the transport provider named <paramref name="name"/>.</summary>
    public ExportTransportProviderAttribute(string name)
        : base(typeof(ITransportProvider))
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The provider's unique name (case-insensitive), e.g. <c>ssh</c>.</summary>
    public string Name { get; }

    /// <summary>URI schemes the provider serves, e.g. <c>ssh</c>; lower case.</summary>
    public string[] Schemes { get; set; } = [];

    /// <summary>One line for <c>psrp providers</c>.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>Operating systems it runs on (<c>windows</c>, <c>linux</c>, <c>macos</c>, <c>freebsd</c>); empty means all.</summary>
    public string[] OperatingSystems { get; set; } = [];
}
