namespace Psrp.Hosting;

/// <summary>
/// A scheme claimed by more than one provider. <see cref="ChosenProvider"/> serves it; the others
/// are reachable only by naming them explicitly (<see cref="TransportCatalog.Select"/>'s providerName).
/// </summary>
/// <param name="Scheme">The contested scheme.</param>
/// <param name="ChosenProvider">The provider that serves the scheme.</param>
/// <param name="IgnoredProviders">The other claimants, in precedence order.</param>
public sealed record SchemeConflict(string Scheme, string ChosenProvider, IReadOnlyList<string> IgnoredProviders);
