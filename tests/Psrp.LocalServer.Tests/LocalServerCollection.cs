namespace Psrp.LocalServer.Tests;

/// <summary>
/// Tests that start server processes run one at a time: each loads the whole PowerShell engine,
/// and the machines running them have two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LocalServerCollection
{
    public const string Name = "Local server processes";
}
