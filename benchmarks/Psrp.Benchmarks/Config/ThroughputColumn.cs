using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Psrp.Benchmarks.Clixml;

namespace Psrp.Benchmarks.Config;

/// <summary>
/// Input bytes per second (10^6 bytes = 1 MB): the fragment benchmarks' message size, or the CLIXML
/// document's size (PowerShell's text, ASCII here, so bytes equal characters) over the mean time.
/// </summary>
public sealed class ThroughputColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(ThroughputColumn);

    /// <inheritdoc />
    public string ColumnName => "MB/s";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "Input megabytes (10^6 bytes) per second: message size or CLIXML document size over Mean";

    /// <summary>Bytes one operation consumes, read from the case's parameters; null when unknown.</summary>
    public static long? BytesPerOperation(BenchmarkCase benchmarkCase)
    {
        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            switch (parameter.Value)
            {
                case int messageSize when parameter.Name == "MessageSize":
                    return messageSize;
                case BenchDocument document:
                    // Written by the first benchmark process that needed it.
                    var file = new FileInfo(PowerShellDocuments.CachePath(document));
                    return file.Exists ? file.Length : null;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var bytes = BytesPerOperation(benchmarkCase);
        return meanNs is > 0 && bytes is not null
            ? (bytes.Value / meanNs.Value * 1e9 / 1e6).ToString("N1", style.CultureInfo)
            : "-";
    }

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public override string ToString() => ColumnName;
}
