namespace Psrp.Hosting;

/// <summary>
/// No usable transport provider serves the target: nothing claims its scheme, or no provider has
/// the requested name. The message lists the providers and schemes that are available, the plugin
/// folders searched and how many plugins failed to load.
/// </summary>
public class ProviderNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was asked for and what is available.</param>
    /// <param name="scheme">The target's scheme.</param>
    /// <param name="providerName">The provider name asked for, if one was.</param>
    public ProviderNotFoundException(string message, string scheme, string? providerName)
        : base(message)
    {
        Scheme = scheme;
        ProviderName = providerName;
    }

    /// <summary>The target's scheme.</summary>
    public string Scheme { get; }

    /// <summary>The provider name asked for, or null when selecting by scheme.</summary>
    public string? ProviderName { get; }
}
