using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Psrp.Benchmarks.Clixml;

namespace Psrp.Benchmarks.Config;

/// <summary>Allocated bytes per operation divided by the number of top-level objects in the CLIXML document.</summary>
public sealed class AllocatedPerObjectColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(AllocatedPerObjectColumn);

    /// <inheritdoc />
    public string ColumnName => "Alloc/obj";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 1;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Size;

    /// <inheritdoc />
    public string Legend => "Allocated bytes per operation / top-level objects in the document (50,000 or 10,000)";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var document = benchmarkCase.Parameters.Items.Select(p => p.Value).OfType<BenchDocument>().Cast<BenchDocument?>().FirstOrDefault();
        var report = summary[benchmarkCase];
        if (document is null || report is null)
        {
            return "-";
        }

        var allocated = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        return allocated is null
            ? "-"
            : $"{(double)allocated.Value / PowerShellDocuments.ObjectCount(document.Value):N0} B";
    }

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public override string ToString() => ColumnName;
}
