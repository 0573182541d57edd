namespace Psrp.Providers.HyperV.Handshake;

/// <summary>How a conversation with the guest's credential broker ended.</summary>
public abstract record BrokerOutcome
{
    private BrokerOutcome()
    {
    }

    /// <summary>
    /// The broker accepted the credential and started PowerShell in the guest. With the V2
    /// handshake it issued <paramref name="Token"/>, which the session connection must present;
    /// with the legacy handshake there is none.
    /// </summary>
    public sealed record Accepted(string? Token) : BrokerOutcome
    {
        /// <summary>Never shows the token.</summary>
        public override string ToString() => Token is null ? "Accepted (legacy, no token)" : "Accepted (token issued)";
    }

    /// <summary>The guest rejected the user name or password (the client answered <c>FAIL</c>).</summary>
    public sealed record CredentialRejected : BrokerOutcome;

    /// <summary>
    /// The guest runs a broker older than VERSION_2: it took <c>VERSION</c> for a domain name.
    /// The probe that ends that conversation has been sent; the caller may reconnect and run the
    /// legacy handshake, if policy allows the downgrade.
    /// </summary>
    public sealed record LegacyBroker : BrokerOutcome;
}
