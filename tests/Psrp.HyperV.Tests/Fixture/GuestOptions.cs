namespace Psrp.HyperV.Tests.Fixture;

/// <summary>Which broker a stand-in guest runs.</summary>
public enum BrokerKind
{
    /// <summary>A current guest: VERSION_2, then a token the session checks (PowerShell 7.4.12+, 7.5.3+, 7.6).</summary>
    Version2,

    /// <summary>An old guest: no version exchange; it reads VERSION as a domain name. Its session has no handshake.</summary>
    Legacy,
}

/// <summary>How a <see cref="FakeGuest"/> behaves.</summary>
internal sealed record GuestOptions
{
    public BrokerKind Broker { get; init; } = BrokerKind.Version2;

    /// <summary>The one account the guest accepts.</summary>
    public string Domain { get; init; } = "localhost";

    public string User { get; init; } = "admin";

    public string Password { get; init; } = "Guest-Pa55!";

    /// <summary>How old the broker's tokens are when issued (the session rejects tokens older than 10 minutes).</summary>
    public TimeSpan TokenAge { get; init; } = TimeSpan.Zero;
}
