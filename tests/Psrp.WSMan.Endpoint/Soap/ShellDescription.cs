namespace Psrp.WSMan.Endpoint.Soap;

/// <summary>What a CreateResponse says about a new shell.</summary>
/// <param name="ShellId">Upper-case ShellId (the pool's RPID as the client sent it).</param>
/// <param name="ResourceUri">The resource URI the shell was created on.</param>
/// <param name="Owner">The authenticated user.</param>
/// <param name="ClientIP">The client's address.</param>
/// <param name="ProcessId">The id of the PowerShell server process behind the shell.</param>
/// <param name="IdleTimeOut">xs:duration of the idle timeout.</param>
public sealed record ShellDescription(string ShellId, string ResourceUri, string Owner, string ClientIP, int ProcessId, string IdleTimeOut);
