namespace Psrp.Providers.HyperV;

/// <summary>
/// Whether the client may fall back to the legacy handshake (no session token) when the guest's
/// broker predates VERSION_2 (psrp-facts §8.4 step 1).
/// </summary>
public enum LegacyBrokerPolicy
{
    /// <summary>
    /// As PowerShell: allowed unless the host's registry value
    /// <c>HKLM\SOFTWARE\Microsoft\PowerShell\RequirePsDirectAuthentication</c> is a non-zero DWORD.
    /// </summary>
    FollowRegistry,

    /// <summary>Always fall back.</summary>
    Allow,

    /// <summary>Never fall back: an old broker fails the connection with <see cref="PowerShellDirectError.DowngradeForbidden"/>.</summary>
    Forbid,
}
