using Psrp.Transport;

namespace Psrp.Hosting.Composition;

/// <summary>A provider in the catalog: what is listed, and the instance (null when it does not run on this system).</summary>
internal sealed record LoadedProvider(TransportProviderInfo Info, ITransportProvider? Provider);
