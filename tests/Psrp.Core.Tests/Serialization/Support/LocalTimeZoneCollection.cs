namespace Psrp.Tests.Serialization.Support;

/// <summary>Tests that change the process's local time zone: run alone, never beside tests that read local time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalTimeZoneCollection
{
    public const string Name = "Local time zone";
}
