using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Psrp.Transport;

/// <summary>What a provider needs to connect: the target, every session parameter, and a logger factory.</summary>
/// <param name="Target">Where to connect.</param>
/// <param name="Parameters">The session parameters as the user gave them (already validated against their parameter set).</param>
public sealed record TransportConnectRequest(TransportTarget Target, SessionParameters Parameters)
{
    /// <summary>Where providers create their loggers. Never log secrets.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Wire tuning and the wire recorder; providers apply what their transport supports.</summary>
    public TransportOptions Options { get; init; } = TransportOptions.Default;
}
