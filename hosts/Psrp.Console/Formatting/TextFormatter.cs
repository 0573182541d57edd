using System.Text;
using Psrp.Messages;
using Psrp.Serialization;

namespace Psrp.Cli.Formatting;

/// <summary>
/// Formats output objects as readable text when the remote end cannot (it has no <c>Out-String</c>),
/// close to PowerShell's default views: primitives as their text; objects with up to four
/// properties as a table (consecutive objects of the same shape share one header, column widths
/// from the rows that arrive in its first 300 ms), or in the columns of a known type's default
/// view (<see cref="DefaultViews"/>); objects with more as a <c>Name : Value</c> list;
/// hashtables as a Name/Value table. Streaming: lines come out as objects arrive (a new table's
/// first rows once its widths are known); <see cref="Flush"/> closes an open table or list.
/// </summary>
internal sealed class TextFormatter
{
    private const int MaxTableColumns = 4;
    private const int MinColumnWidth = 3;
    private const int MaxPendingRows = 100;

    /// <summary>How long rows of a new table are held to size its columns (PowerShell waits 300 ms too).</summary>
    private static readonly TimeSpan GroupingWindow = TimeSpan.FromMilliseconds(300);

    private readonly int _width;
    private readonly Func<TimeSpan> _clock;
    private string? _shape;
    private string[] _headers = [];
    private int[] _columnWidths = [];
    private bool[] _rightAligned = [];
    private List<string[]>? _pendingRows = [];
    private TimeSpan _groupStarted;
    private bool _inList;

    // The lists being expanded around the current value: one met again inside itself (PowerShell
    // sends self-containing arrays) is shown as a value instead of expanded forever.
    private readonly List<PsList> _expanding = [];

    /// <param name="width">The line width to fit tables into.</param>
    /// <param name="clock">Elapsed time (tests pass their own).</param>
    public TextFormatter(int width, Func<TimeSpan>? clock = null)
    {
        _width = Math.Max(20, width);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        _clock = clock ?? (() => stopwatch.Elapsed);
    }

    /// <summary>The lines to show for <paramref name="value"/>, now.</summary>
    public IReadOnlyList<string> Format(object? value)
    {
        var lines = new List<string>();
        Append(value, lines);
        return lines;
    }

    /// <summary>Ends an open table or list (the pipeline finished).</summary>
    public IReadOnlyList<string> Flush()
    {
        var lines = new List<string>();
        EndGroup(lines);
        return lines;
    }

    private void Append(object? value, List<string> lines)
    {
        switch (value)
        {
            case null:
                return;
            case PsObject { BaseValue: PsList list } when _expanding.Contains(list):
                AppendText(ValueText.Of(value), lines);
                return;
            case PsList list when _expanding.Contains(list):
                AppendText(ValueText.Of(value), lines);
                return;
            case PsObject { BaseValue: PsList list }:
                AppendEach(list, lines);
                return;
            case PsList list:
                AppendEach(list, lines);
                return;
            case PsObject { BaseValue: PsDictionary dictionary }:
                AppendDictionary(dictionary, lines);
                return;
            case PsDictionary dictionary:
                AppendDictionary(dictionary, lines);
                return;
            case PsObject obj when obj.TypeNames.Any(t => t.EndsWith("System.Management.Automation.ErrorRecord", StringComparison.Ordinal)):
                EndGroup(lines);
                lines.AddRange(RecordText.Error(PsErrorRecord.FromPsObject(obj)).Split('\n'));
                return;
            case PsObject obj when obj.BaseValue is not null || (!obj.HasAdaptedProperties && !obj.HasExtendedProperties):
                AppendText(obj.ToString(), lines);
                return;
            case PsObject obj:
                AppendObject(obj, lines);
                return;
            default:
                AppendText(ValueText.Of(value), lines);
                return;
        }
    }

    private void AppendEach(PsList items, List<string> lines)
    {
        _expanding.Add(items);
        try
        {
            foreach (var item in items)
            {
                Append(item, lines);
            }
        }
        finally
        {
            _expanding.RemoveAt(_expanding.Count - 1);
        }
    }

    private void AppendText(string text, List<string> lines)
    {
        EndGroup(lines);
        lines.AddRange(text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'));
    }

    private void AppendDictionary(PsDictionary dictionary, List<string> lines)
    {
        foreach (var (key, value) in dictionary)
        {
            // PowerShell's hashtable view aligns every value left.
            AppendRow("#hashtable", ["Name", "Value"], [key, value], lines, alignNumbers: false);
        }
    }

    private void AppendObject(PsObject obj, List<string> lines)
    {
        var view = DefaultViews.For(obj);
        var properties = view ?? DisplayProperties(obj);
        if (view is not null || properties.Count <= MaxTableColumns)
        {
            // Objects shown through one default view share a table (CmdletInfo and FunctionInfo under CommandInfo's columns).
            var shape = (view is null ? obj.TypeNames.MostDerived ?? string.Empty : "view") + "|" + string.Join('|', properties.Select(p => p.Name));
            AppendRow(shape, properties.Select(p => p.Name).ToArray(), properties.Select(p => p.Value).ToArray(), lines);
            return;
        }

        if (_shape is not null)
        {
            EndGroup(lines);
        }

        _inList = true;
        lines.Add(string.Empty);
        var nameWidth = properties.Max(p => p.Name.Length);
        foreach (var property in properties)
        {
            var text = ValueText.Of(property.Value).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            lines.Add($"{property.Name.PadRight(nameWidth)} : {text[0]}");
            foreach (var more in text.Skip(1))
            {
                lines.Add(new string(' ', nameWidth + 3) + more);
            }
        }
    }

    private void AppendRow(string shape, string[] headers, object?[] values, List<string> lines, bool alignNumbers = true)
    {
        var cells = values.Select(v => OneLine(ValueText.Of(v))).ToArray();
        if (_shape != shape)
        {
            EndGroup(lines);
            _shape = shape;
            _headers = headers;
            _rightAligned = values.Select(v => alignNumbers && ValueText.IsNumeric(v)).ToArray();
            _groupStarted = _clock();
        }

        if (_pendingRows is null)
        {
            // Widths are fixed: rows go out as they come.
            lines.Add(Row(cells, alignRight: true));
            return;
        }

        _pendingRows.Add(cells);
        if (_pendingRows.Count >= MaxPendingRows || _clock() - _groupStarted >= GroupingWindow)
        {
            EmitPendingRows(lines);
        }
    }

    /// <summary>Fixes the column widths from the rows seen so far and writes the header and those rows.</summary>
    private void EmitPendingRows(List<string> lines)
    {
        if (_pendingRows is not { Count: > 0 })
        {
            return;
        }

        var headers = _headers;
        _columnWidths = FitWidths(headers.Select((h, i) => Math.Max(h.Length, _pendingRows.Max(r => r[i].Length))).ToArray());
        lines.Add(string.Empty);
        lines.Add(Row(headers, alignRight: false));
        lines.Add(Row(headers.Select((h, i) => new string('-', Math.Min(h.Length, _columnWidths[i]))).ToArray(), alignRight: false));
        foreach (var row in _pendingRows)
        {
            lines.Add(Row(row, alignRight: true));
        }

        _pendingRows = null;
    }

    private void EndGroup(List<string> lines)
    {
        EmitPendingRows(lines);
        if (_shape is not null || _inList)
        {
            lines.Add(string.Empty);
        }

        _shape = null;
        _inList = false;
        _pendingRows = [];
    }

    /// <summary>Shrinks the widest columns until the row fits the line.</summary>
    private int[] FitWidths(int[] widths)
    {
        var available = _width - 1 - (widths.Length - 1);
        while (widths.Sum() > available)
        {
            var widest = Array.IndexOf(widths, widths.Max());
            if (widths[widest] <= MinColumnWidth)
            {
                break;
            }

            widths[widest]--;
        }

        return widths;
    }

    private string Row(string[] cells, bool alignRight)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            var width = _columnWidths[i];
            var cell = cells[i].Length > width ? cells[i][..Math.Max(0, width - 1)] + "…" : cells[i];
            if (i > 0)
            {
                line.Append(' ');
            }

            var last = i == cells.Length - 1;
            if (alignRight && _rightAligned[i])
            {
                line.Append(cell.PadLeft(width));
            }
            else
            {
                line.Append(last ? cell : cell.PadRight(width));
            }
        }

        return line.ToString().TrimEnd();
    }

    private static string OneLine(string text) => text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');

    /// <summary>The properties PowerShell would show: adapted ones, then notes not already among them.</summary>
    internal static IReadOnlyList<PsProperty> DisplayProperties(PsObject obj)
    {
        var result = new List<PsProperty>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (obj.HasAdaptedProperties)
        {
            foreach (var property in obj.AdaptedProperties)
            {
                if (seen.Add(property.Name))
                {
                    result.Add(property);
                }
            }
        }

        if (obj.HasExtendedProperties)
        {
            foreach (var property in obj.ExtendedProperties)
            {
                if (seen.Add(property.Name))
                {
                    result.Add(property);
                }
            }
        }

        return result;
    }
}
