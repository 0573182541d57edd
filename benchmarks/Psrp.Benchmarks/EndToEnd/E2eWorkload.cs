namespace Psrp.Benchmarks.EndToEnd;

/// <summary>How a workload is timed.</summary>
public enum E2eWorkloadKind
{
    /// <summary>Start the server process and open a pool on it (closing is not timed).</summary>
    Open,

    /// <summary>One pipeline on an open pool whose output is the load.</summary>
    Throughput,

    /// <summary>Many one-line pipelines in a row on an open pool: round-trip latency.</summary>
    Sequential,
}

/// <summary>
/// One end-to-end workload: the script both clients run, how many output items it must give, and
/// the property a consumer touches on each item (null: the item's base value).
/// </summary>
/// <param name="Id">Short name for the command line and the table.</param>
/// <param name="Title">What the table calls it.</param>
/// <param name="Kind">How it is timed.</param>
/// <param name="Script">The PowerShell script (empty for <see cref="E2eWorkloadKind.Open"/>).</param>
/// <param name="ItemsPerPipeline">Output items each pipeline must produce.</param>
/// <param name="TouchProperty">Property read on each item, or null to read the base value.</param>
/// <param name="Pipelines">Pipelines run one after another per measurement.</param>
public sealed record E2eWorkload(
    string Id,
    string Title,
    E2eWorkloadKind Kind,
    string Script,
    int ItemsPerPipeline,
    string? TouchProperty,
    int Pipelines = 1)
{
    /// <summary>The workloads of the issue, in the order they run.</summary>
    public static IReadOnlyList<E2eWorkload> All { get; } =
    [
        new("open", "open (start server + open pool)", E2eWorkloadKind.Open, string.Empty, 0, null),
        new(
            "versiontable10k",
            "10,000 x `[pscustomobject]@{name; version=$PSVersionTable}`",
            E2eWorkloadKind.Throughput,
            "1..10000 | % { [pscustomobject]@{name=$_; version=$PSVersionTable} }",
            10_000,
            "name"),
        new(
            "small50k",
            "50,000 small objects (`@{A=$_; B='item-'+15 digits}`)",
            E2eWorkloadKind.Throughput,
            "1..50000 | % { [pscustomobject]@{ A = $_; B = 'item-' + $_.ToString('D15') } }",
            50_000,
            "B"),
        new(
            "string16m",
            "one 16 MiB string",
            E2eWorkloadKind.Throughput,
            "[string]::new([char]'x', 16MB)",
            1,
            null),
        new(
            "oneline200",
            "200 sequential one-line pipelines (`1 + 1`)",
            E2eWorkloadKind.Sequential,
            "1 + 1",
            1,
            null,
            Pipelines: 200),
    ];

    /// <summary>The workload named <paramref name="id"/> (case-insensitive).</summary>
    public static E2eWorkload Find(string id) =>
        All.FirstOrDefault(w => string.Equals(w.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown workload '{id}'. Known: {string.Join(", ", All.Select(w => w.Id))}.", nameof(id));
}
