namespace Psrp.Benchmarks.EndToEnd;

/// <summary>A client under test: its name in the table and how it opens a session on a new server.</summary>
/// <param name="Name">Name in the table.</param>
/// <param name="OpenAsync">Starts a server process and opens a pool (or runspace) on it.</param>
public sealed record E2eClient(string Name, Func<CancellationToken, Task<IE2eSession>> OpenAsync);
