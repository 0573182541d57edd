namespace Psrp.Benchmarks.Ssh;

/// <summary>One process as <c>/proc</c> shows it.</summary>
/// <param name="Id">Process id.</param>
/// <param name="ParentId">Parent's process id.</param>
/// <param name="Name">Executable name (<c>comm</c>, at most 15 characters), e.g. <c>ssh</c>, <c>sshd</c>, <c>dotnet</c>.</param>
/// <param name="Ticks">User plus system CPU so far, in clock ticks.</param>
public readonly record struct ProcessCpu(int Id, int ParentId, string Name, long Ticks);
