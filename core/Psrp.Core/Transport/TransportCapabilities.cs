namespace Psrp.Transport;

/// <summary>What a transport connection supports; the session sizes its fragments from it.</summary>
public sealed record TransportCapabilities
{
    /// <summary>The transport's name, used in errors and logs.</summary>
    public required string Name { get; init; }

    /// <summary>Largest fragment, header included, the session should send (out-of-proc: 32 KiB).</summary>
    public int MaxFragmentSize { get; init; } = 32 << 10;

    /// <summary>True when the pool can be disconnected and reconnected (WSMan only).</summary>
    public bool SupportsDisconnect { get; init; }
}
