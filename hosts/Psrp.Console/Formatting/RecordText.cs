using Psrp.Messages;

namespace Psrp.Cli.Formatting;

/// <summary>How stream records read on the console, close to PowerShell 7's concise views.</summary>
internal static class RecordText
{
    /// <summary>An error: <c>Command: message</c> (the command that failed, when known), then the position when the server sent one.</summary>
    public static string Error(PsErrorRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var message = record.ErrorDetailsMessage ?? record.Message;
        var command = record.Source?["InvocationInfo_MyCommand"]?.ToString() is { Length: > 0 } name ? name
            : record.CategoryActivity is { Length: > 0 } activity ? activity
            : null;
        var text = command is null || message.StartsWith(command + ":", StringComparison.Ordinal) ? message : $"{command}: {message}";
        return string.IsNullOrWhiteSpace(record.RecommendedAction) ? text : $"{text}\n{record.RecommendedAction}";
    }

    /// <summary>A warning line, with PowerShell's prefix.</summary>
    public static string Warning(PsInformationalRecord record) => $"WARNING: {record.Message}";

    /// <summary>A verbose line, with PowerShell's prefix.</summary>
    public static string Verbose(PsInformationalRecord record) => $"VERBOSE: {record.Message}";

    /// <summary>A debug line, with PowerShell's prefix.</summary>
    public static string Debug(PsInformationalRecord record) => $"DEBUG: {record.Message}";
}
