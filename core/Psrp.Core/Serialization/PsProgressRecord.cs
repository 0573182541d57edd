namespace Psrp.Serialization;

/// <summary>
/// The plain-CLIXML primitive form of a progress record (<c>&lt;PR&gt;</c>), used by
/// Export-Clixml. PSRP messages use the property-bag form instead (see <c>Messages/</c>).
/// </summary>
public sealed record PsProgressRecord
{
    /// <summary>Activity text (<c>AV</c>).</summary>
    public string Activity { get; init; } = string.Empty;

    /// <summary>Activity id (<c>AI</c>).</summary>
    public int ActivityId { get; init; }

    /// <summary>Current operation, or null.</summary>
    public string? CurrentOperation { get; init; }

    /// <summary>Parent activity id (<c>PI</c>), -1 for none.</summary>
    public int ParentActivityId { get; init; } = -1;

    /// <summary>Percent complete (<c>PC</c>), -1 when unknown.</summary>
    public int PercentComplete { get; init; } = -1;

    /// <summary>Record type name (<c>T</c>): <c>Processing</c> or <c>Completed</c>.</summary>
    public string RecordType { get; init; } = "Processing";

    /// <summary>Seconds remaining (<c>SR</c>), -1 when unknown.</summary>
    public int SecondsRemaining { get; init; } = -1;

    /// <summary>Status description (<c>SD</c>).</summary>
    public string StatusDescription { get; init; } = string.Empty;
}
