namespace Psrp.Providers.HyperV.Handshake;

/// <summary>Which broker handshake a client runs (psrp-facts §8.3, §8.4).</summary>
public enum BrokerProtocol
{
    /// <summary>
    /// <c>VERSION</c>/<c>VERSION_2</c>, the credential, then a token the session connection must
    /// present (PowerShell 7.4.12+, 7.5.3+, 7.6). Detects an old broker and reports it.
    /// </summary>
    Version2,

    /// <summary>The credential and configuration name only; the session connection has no handshake.</summary>
    Legacy,
}
