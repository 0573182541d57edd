using Psrp.Benchmarks.EndToEnd;

namespace Psrp.Benchmarks.Ssh;

/// <summary>
/// One SSH measurement: the client process's own figures (<see cref="E2eSample"/>: wall, this process's CPU,
/// allocations), plus the CPU of the ssh client processes this process runs (where PowerShell's client and
/// the openssh provider do SSH's crypto; zero for the in-process provider, whose crypto is in
/// <see cref="E2eSample.Cpu"/>) and of the server side (sshd's connection processes and PowerShell's server).
/// </summary>
/// <param name="Client">This process's measurement.</param>
/// <param name="SshCpu">CPU of the ssh processes this process started.</param>
/// <param name="ServerCpu">CPU of everything under sshd.</param>
public readonly record struct SshSample(E2eSample Client, TimeSpan SshCpu, TimeSpan ServerCpu)
{
    /// <summary>All CPU spent on the client's side of the wire: this process plus its ssh processes.</summary>
    public TimeSpan ClientSideCpu => Client.Cpu + SshCpu;
}
