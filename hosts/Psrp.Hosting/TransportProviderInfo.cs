namespace Psrp.Hosting;

/// <summary>A transport provider the catalog found, as <c>psrp providers</c> lists it.</summary>
/// <param name="Name">The provider's unique name (compared case-insensitively).</param>
/// <param name="Schemes">The target schemes it declares (lower case); see <see cref="TransportCatalog.Conflicts"/> for schemes another provider won.</param>
/// <param name="Description">One line about it.</param>
/// <param name="OperatingSystems">The operating systems it runs on; empty means all.</param>
/// <param name="Source"><see cref="BuiltIn"/>, or the full path of the plugin assembly it came from.</param>
/// <param name="SupportedOnThisSystem">False when <paramref name="OperatingSystems"/> excludes this system: listed, never selected.</param>
public sealed record TransportProviderInfo(
    string Name,
    IReadOnlyList<string> Schemes,
    string Description,
    IReadOnlyList<string> OperatingSystems,
    string Source,
    bool SupportedOnThisSystem)
{
    /// <summary>The <see cref="Source"/> of a provider composed from <see cref="PsrpHostingOptions.BuiltInProviderAssemblies"/>.</summary>
    public const string BuiltIn = "built-in";

    /// <summary>True for a provider that came with the host rather than from a plugin folder.</summary>
    public bool IsBuiltIn => Source == BuiltIn;

    /// <inheritdoc />
    public override string ToString()
    {
        var schemes = Schemes.Count == 0 ? "no schemes" : string.Join(", ", Schemes.Select(s => s + ":"));
        var systems = OperatingSystems.Count == 0 ? string.Empty : $", runs on {string.Join(", ", OperatingSystems)}";
        return $"{Name} ({schemes}{systems}) from {Source}";
    }
}
