using Psrp.Plugin.MissingDependency.Helper;
using Psrp.Transport;

namespace Psrp.Plugin.MissingDependency;

/// <summary>
/// Uses its helper only when connecting, as a real plugin uses its I/O library: the catalog must
/// still notice, when it loads the plugin, that the helper is missing.
/// </summary>
[ExportTransportProvider("missing-dependency", Schemes = ["missing-dependency"], Description = "Test plugin: its dependency is deleted")]
public sealed class MissingDependencyTransportProvider : ITransportProvider
{
    /// <inheritdoc />
    public ValueTask<IPsrpTransport> ConnectAsync(TransportConnectRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException(Greeting.Text);
}
