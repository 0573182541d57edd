using System.Collections.Concurrent;

namespace Psrp.Providers.WSMan.Http;

/// <summary>
/// What one WSMan connection put on the wire: HTTP round trips per operation and the bytes written
/// to and read from its sockets (TLS records and HTTP headers included). Thread-safe.
/// </summary>
public sealed class WSManTrafficStatistics
{
    private readonly ConcurrentDictionary<string, int> _roundTrips = new(StringComparer.Ordinal);
    private long _bytesSent;
    private long _bytesReceived;
    private int _connections;

    /// <summary>HTTP requests answered, by WS-Management operation (Create, Command, Send, Receive, Signal, Delete).</summary>
    public IReadOnlyDictionary<string, int> RoundTripsByOperation => new Dictionary<string, int>(_roundTrips, StringComparer.Ordinal);

    /// <summary>All HTTP requests answered.</summary>
    public int RoundTrips => _roundTrips.Values.Sum();

    /// <summary>Bytes written to the sockets.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Bytes read from the sockets.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>TCP connections opened.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>A copy of the counters now (subtract two snapshots to measure one operation).</summary>
    public WSManTrafficSnapshot Snapshot() => new(RoundTripsByOperation, BytesSent, BytesReceived, Connections);

    internal void CountRoundTrip(string operation) => _roundTrips.AddOrUpdate(operation, 1, static (_, n) => n + 1);

    internal void CountSent(int bytes) => Interlocked.Add(ref _bytesSent, bytes);

    internal void CountReceived(int bytes) => Interlocked.Add(ref _bytesReceived, bytes);

    internal void CountConnection() => Interlocked.Increment(ref _connections);
}

/// <summary>The counters of <see cref="WSManTrafficStatistics"/> at one moment.</summary>
/// <param name="RoundTripsByOperation">Round trips by operation.</param>
/// <param name="BytesSent">Bytes written.</param>
/// <param name="BytesReceived">Bytes read.</param>
/// <param name="Connections">TCP connections opened.</param>
public sealed record WSManTrafficSnapshot(IReadOnlyDictionary<string, int> RoundTripsByOperation, long BytesSent, long BytesReceived, int Connections)
{
    /// <summary>All round trips.</summary>
    public int RoundTrips => RoundTripsByOperation.Values.Sum();

    /// <summary>What happened between <paramref name="earlier"/> and this snapshot.</summary>
    public WSManTrafficSnapshot Since(WSManTrafficSnapshot earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var trips = RoundTripsByOperation.ToDictionary(
            kv => kv.Key,
            kv => kv.Value - earlier.RoundTripsByOperation.GetValueOrDefault(kv.Key),
            StringComparer.Ordinal);
        foreach (var key in trips.Where(kv => kv.Value == 0).Select(kv => kv.Key).ToList())
        {
            trips.Remove(key);
        }

        return new WSManTrafficSnapshot(trips, BytesSent - earlier.BytesSent, BytesReceived - earlier.BytesReceived, Connections - earlier.Connections);
    }
}
