namespace Psrp.Hosting;

/// <summary>
/// The provider exists but does not run on this operating system (its export's
/// <c>OperatingSystems</c> excludes it). A <see cref="ProviderNotFoundException"/>, so a host
/// that reports "no usable provider" handles both the same way.
/// </summary>
public sealed class ProviderNotSupportedException : ProviderNotFoundException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which provider, which systems it runs on, and this one.</param>
    /// <param name="scheme">The target's scheme.</param>
    /// <param name="providerName">The provider name asked for, if one was.</param>
    /// <param name="provider">The provider that does not run here.</param>
    public ProviderNotSupportedException(string message, string scheme, string? providerName, TransportProviderInfo provider)
        : base(message, scheme, providerName)
    {
        ArgumentNullException.ThrowIfNull(provider);
        Provider = provider;
    }

    /// <summary>The provider that does not run here.</summary>
    public TransportProviderInfo Provider { get; }
}
