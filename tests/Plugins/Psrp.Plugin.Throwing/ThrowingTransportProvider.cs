using Psrp.Transport;

namespace Psrp.Plugin.Throwing;

/// <summary>A provider whose constructor throws: the catalog must report it and load the others.</summary>
[ExportTransportProvider("throwing", Schemes = ["throwing"], Description = "Test plugin: a constructor that throws")]
public sealed class ThrowingTransportProvider : ITransportProvider
{
    /// <summary>The message the constructor throws with.</summary>
    public const string Message = "The throwing test plugin refuses to be created.";

    /// <summary>Always throws.</summary>
    public ThrowingTransportProvider() => throw new InvalidOperationException(Message);

    /// <inheritdoc />
    public ValueTask<IPsrpTransport> ConnectAsync(TransportConnectRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
