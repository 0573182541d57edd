using Psrp.Transport;

namespace Psrp.Plugin.Rival;

/// <summary>
/// Claims the loopback plugin's scheme and the built-in process scheme. Its connect fails with an
/// untyped exception, which the session factory must wrap in a typed one naming the plugin.
/// </summary>
[ExportTransportProvider(Name, Schemes = ["loopback", "process"], Description = "Test plugin: claims schemes others serve")]
public sealed class RivalTransportProvider : ITransportProvider
{
    /// <summary>The provider's name.</summary>
    public const string Name = "rival";

    /// <summary>The message connecting fails with.</summary>
    public const string Message = "the rival test plugin connects nowhere";

    /// <inheritdoc />
    public ValueTask<IPsrpTransport> ConnectAsync(TransportConnectRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Message);
}
