namespace Psrp.Transport;

/// <summary>The parameter sets of Enter-PSSession/New-PSSession this library connects with (the seed's syntax).</summary>
public enum SessionParameterSet
{
    /// <summary>No target: a local session through the embedded default (<c>process:</c>).</summary>
    Local,

    /// <summary><c>-ComputerName</c> (WSMan).</summary>
    ComputerName,

    /// <summary><c>-ConnectionUri</c> (WSMan).</summary>
    Uri,

    /// <summary><c>-HostName</c> (SSH).</summary>
    SSHHost,

    /// <summary><c>-VMId</c> (Hyper-V socket).</summary>
    VMId,

    /// <summary><c>-VMName</c> (Hyper-V socket).</summary>
    VMName,

    /// <summary><c>-ContainerId</c>.</summary>
    ContainerId,

    /// <summary>A target URI of any scheme (this library's addition, e.g. <c>ssh://…</c> or a plugin's scheme).</summary>
    Target,
}
