namespace Psrp.Benchmarks.EndToEnd;

/// <summary>Measured samples by workload and client, in the order they were taken.</summary>
/// <typeparam name="TSample">One measurement.</typeparam>
public sealed class SampleSet<TSample>
{
    private readonly Dictionary<(string Workload, string Client), List<TSample>> _samples = [];

    /// <summary>Records one measured sample.</summary>
    public void Add(E2eWorkload workload, E2eClient client, TSample sample)
    {
        var key = (workload.Id, client.Name);
        if (!_samples.TryGetValue(key, out var list))
        {
            _samples[key] = list = [];
        }

        list.Add(sample);
    }

    /// <summary>The samples of a workload and client, in the order they were taken.</summary>
    public IReadOnlyList<TSample> Of(E2eWorkload workload, E2eClient client) => _samples[(workload.Id, client.Name)];
}
