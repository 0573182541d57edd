namespace Psrp.WSMan.Endpoint.Shells;

/// <summary>What every shell of an endpoint shares.</summary>
/// <param name="LocalServerPath">Psrp.LocalServer.dll, started once per shell.</param>
/// <param name="MaxFragmentSize">Largest client fragment accepted (the endpoint's MaxEnvelopeSize bounds it).</param>
/// <param name="OutboxCapacity">Bytes of output a channel may hold before the server waits for a Receive.</param>
/// <param name="OutputLinger">How long unflushed pipeline output waits for more before a Receive is answered.</param>
public sealed record ShellSettings(string LocalServerPath, int MaxFragmentSize, long OutboxCapacity, TimeSpan OutputLinger);
