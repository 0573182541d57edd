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
/// <param name="InputItems">Pipeline input streamed to each pipeline (<see cref="InputItem"/> 1..N); 0: none.</param>
public sealed record E2eWorkload(
    string Id,
    string Title,
    E2eWorkloadKind Kind,
    string Script,
    int ItemsPerPipeline,
    string? TouchProperty,
    int Pipelines = 1,
    int InputItems = 0)
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

    /// <summary>
    /// Workloads run only when named (<c>--e2e 5 input50k</c>): the client-to-server direction, where the
    /// client's packing of queued messages into Data lines shows. Not in <see cref="All"/>, so the SSH and WSMan
    /// comparisons (which measure the server's output) keep their workloads.
    /// </summary>
    public static IReadOnlyList<E2eWorkload> Input { get; } =
    [
        new(
            "input50k",
            "50,000 small input objects streamed in (`'item-'+15 digits`), counted and order-checked by the server",
            E2eWorkloadKind.Throughput,
            InputCheckScript(50_000),
            1,
            null,
            InputItems: 50_000),
    ];

    /// <summary>The workload named <paramref name="id"/> (case-insensitive).</summary>
    public static E2eWorkload Find(string id) =>
        All.Concat(Input).FirstOrDefault(w => string.Equals(w.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown workload '{id}'. Known: {string.Join(", ", All.Concat(Input).Select(w => w.Id))}.", nameof(id));

    /// <summary>Input item <paramref name="number"/> (1-based): a 20-character string.</summary>
    public static string InputItem(int number) => "item-" + number.ToString("D15", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A script that outputs one item, the count, only when exactly <paramref name="count"/> input items arrived
    /// in order (item i is <see cref="InputItem"/>(i)); otherwise nothing, which the output check rejects.
    /// </summary>
    public static string InputCheckScript(int count) =>
        "begin { $n = 0; $ok = $true } "
        + "process { $n++; if ($_ -cne ('item-' + $n.ToString('D15'))) { $ok = $false } } "
        + $"end {{ if ($ok -and $n -eq {count}) {{ $n }} }}";

    /// <summary>Runs this workload on <paramref name="session"/>, with its input if it has any.</summary>
    public Task<E2eOutput> RunAsync(IE2eSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return InputItems > 0
            ? session.RunWithInputAsync(Script, Enumerable.Range(1, InputItems).Select(InputItem).ToList(), cancellationToken)
            : session.RunAsync(Script, TouchProperty, Pipelines, cancellationToken);
    }
}
