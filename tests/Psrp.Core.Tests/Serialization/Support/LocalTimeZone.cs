namespace Psrp.Tests.Serialization.Support;

/// <summary>
/// Switches the process's local time zone for the duration of a test (through TZ, which .NET
/// reads again after <see cref="TimeZoneInfo.ClearCachedData"/>). Tests that use it must not
/// run in parallel with others that read local time: they live in one non-parallel collection.
/// </summary>
internal sealed class LocalTimeZone : IDisposable
{
    private static readonly Lock Gate = new();
    private readonly string? _previous;

    private LocalTimeZone(string zone)
    {
        Gate.Enter();
        _previous = Environment.GetEnvironmentVariable("TZ");
        Environment.SetEnvironmentVariable("TZ", zone);
        TimeZoneInfo.ClearCachedData();
    }

    public static LocalTimeZone Set(string zone) => new(zone);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("TZ", _previous);
        TimeZoneInfo.ClearCachedData();
        Gate.Exit();
    }
}
