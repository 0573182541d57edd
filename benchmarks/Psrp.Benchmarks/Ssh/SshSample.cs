using Psrp.Benchmarks.EndToEnd;

namespace Psrp.Benchmarks.Ssh;

/// <summary>
/// One SSH measurement: the client process's own figures (<see cref="E2eSample"/>: wall, this process's CPU,
/// allocations); the CPU of the ssh client processes this process runs (where PowerShell's client and the
/// openssh provider do SSH's crypto; zero for the in-process provider, whose crypto is in <see cref="E2eSample.Cpu"/>);
/// and the server side of the session: sshd's processes for the connection, and PowerShell's server.
/// </summary>
/// <param name="Client">This process's measurement.</param>
/// <param name="SshCpu">CPU of the ssh processes this process started.</param>
/// <param name="SshdCpu">CPU of the session's sshd processes.</param>
/// <param name="ServerCpu">CPU of the session's PowerShell server (the LocalServer).</param>
public readonly record struct SshSample(E2eSample Client, TimeSpan SshCpu, TimeSpan SshdCpu, TimeSpan ServerCpu)
{
    /// <summary>All CPU spent on the client's side of the wire: this process plus its ssh processes.</summary>
    public TimeSpan ClientSideCpu => Client.Cpu + SshCpu;
}
