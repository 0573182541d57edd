using System.Globalization;
using System.Text;
using Psrp.Serialization;

namespace Psrp.Cli.Terminal;

/// <summary>
/// The activities Write-Progress reported and not yet completed, rendered as one bar line each
/// (the most recently updated last, at most <see cref="MaxLines"/>). Pure: the screen draws the lines.
/// </summary>
internal sealed class ProgressView
{
    public const int MaxLines = 3;

    private readonly List<PsProgressRecord> _active = [];

    /// <summary>True when nothing is in progress.</summary>
    public bool IsEmpty => _active.Count == 0;

    /// <summary>Applies a record; returns true when the set of activities changed (not just a percentage).</summary>
    public bool Update(PsProgressRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var index = _active.FindIndex(r => r.ActivityId == record.ActivityId);
        if (record.RecordType == "Completed")
        {
            // A completed parent takes its children with it.
            var removed = _active.RemoveAll(r => r.ActivityId == record.ActivityId || r.ParentActivityId == record.ActivityId);
            return removed > 0;
        }

        if (index >= 0)
        {
            _active[index] = record;
            return false;
        }

        _active.Add(record);
        return true;
    }

    /// <summary>Forgets every activity (the pipeline ended).</summary>
    public void Clear() => _active.Clear();

    /// <summary>The lines to draw, each at most <paramref name="width"/> - 1 columns wide.</summary>
    public IReadOnlyList<string> Render(int width)
    {
        var lines = new List<string>();
        foreach (var record in _active.TakeLast(MaxLines))
        {
            lines.Add(RenderLine(record, Math.Max(20, width - 1)));
        }

        return lines;
    }

    /// <summary>One activity: <c>Activity [#####.....] 50% Status (10s left)</c>, cut to <paramref name="width"/>.</summary>
    public static string RenderLine(PsProgressRecord record, int width)
    {
        ArgumentNullException.ThrowIfNull(record);
        var text = new StringBuilder(width);
        text.Append(record.Activity);
        if (record.PercentComplete >= 0)
        {
            const int BarWidth = 24;
            var percent = Math.Clamp(record.PercentComplete, 0, 100);
            var filled = percent * BarWidth / 100;
            text.Append(" [").Append('#', filled).Append('.', BarWidth - filled).Append("] ")
                .Append(percent.ToString(CultureInfo.InvariantCulture)).Append('%');
        }

        if (!string.IsNullOrEmpty(record.StatusDescription))
        {
            text.Append(' ').Append(record.StatusDescription);
        }

        if (record.SecondsRemaining >= 0)
        {
            text.Append(" (").Append(record.SecondsRemaining.ToString(CultureInfo.InvariantCulture)).Append("s left)");
        }

        if (!string.IsNullOrEmpty(record.CurrentOperation))
        {
            text.Append(" - ").Append(record.CurrentOperation);
        }

        var line = text.Replace('\n', ' ').Replace('\r', ' ').ToString();
        return line.Length <= width ? line : line[..(width - 1)] + "…";
    }
}
