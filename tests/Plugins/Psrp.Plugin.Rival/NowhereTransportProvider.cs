using Psrp.Transport;

namespace Psrp.Plugin.Rival;

/// <summary>
/// Runs only on an operating system no test machine has: listed, never selectable, and never
/// created (its constructor throws to prove that).
/// </summary>
[ExportTransportProvider(Name, Schemes = ["nowhere"], OperatingSystems = ["plan9"], Description = "Test plugin: for another operating system")]
public sealed class NowhereTransportProvider : ITransportProvider
{
    /// <summary>The provider's name.</summary>
    public const string Name = "nowhere";

    /// <summary>Never called on a supported system.</summary>
    public NowhereTransportProvider() => throw new PlatformNotSupportedException("created on a system it does not support");

    /// <inheritdoc />
    public ValueTask<IPsrpTransport> ConnectAsync(TransportConnectRequest request, CancellationToken cancellationToken) =>
        throw new PlatformNotSupportedException();
}
