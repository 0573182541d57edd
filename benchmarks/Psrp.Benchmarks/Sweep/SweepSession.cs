using Psrp.Benchmarks.EndToEnd;

namespace Psrp.Benchmarks.Sweep;

/// <summary>One row group of a sweep: an open session (one configuration, its own server) and the workloads it runs.</summary>
/// <param name="Name">What the table calls it.</param>
/// <param name="Session">The open session.</param>
/// <param name="Workloads">Ids of the workloads it runs (<see cref="SweepWorkloads"/>).</param>
/// <param name="RoundTrips">Request/response round trips so far, for transports that count them (WSMan); null: not counted.</param>
public sealed record SweepSession(string Name, IE2eSession Session, IReadOnlyList<string> Workloads, Func<long>? RoundTrips = null);
