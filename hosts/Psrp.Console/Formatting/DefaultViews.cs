using Psrp.Serialization;

namespace Psrp.Cli.Formatting;

/// <summary>
/// The columns PowerShell's format data shows for a few common types, so that local formatting
/// of, say, Get-Command or Get-ChildItem output is a table as in PowerShell rather than a list of
/// every serialized property. Matched on any of the object's type names (with or without the
/// <c>Deserialized.</c> prefix); only properties the object actually has are shown.
/// </summary>
internal static class DefaultViews
{
    private static readonly Dictionary<string, string[]> Views = new(StringComparer.Ordinal)
    {
        ["System.Management.Automation.CommandInfo"] = ["CommandType", "Name", "Version", "Source"],
        ["System.Management.Automation.PSModuleInfo"] = ["ModuleType", "Version", "Name", "ExportedCommands"],
        ["System.IO.FileSystemInfo"] = ["Mode", "LastWriteTime", "Length", "Name"],
        ["System.Diagnostics.Process"] = ["Id", "ProcessName", "CPU", "WorkingSet64"],
        ["System.Management.Automation.Job"] = ["Id", "Name", "PSJobTypeName", "State", "HasMoreData", "Command"],
        ["System.ServiceProcess.ServiceController"] = ["Status", "Name", "DisplayName"],
        ["System.Management.Automation.PSDriveInfo"] = ["Name", "Root", "Description"],
        ["System.Management.Automation.PathInfo"] = ["Path"],
        ["System.Management.Automation.SemanticVersion"] = ["Major", "Minor", "Patch", "PreReleaseLabel", "BuildLabel"],
        ["System.Version"] = ["Major", "Minor", "Build", "Revision"],
    };

    /// <summary>The properties to show for <paramref name="obj"/>, or null when no view applies.</summary>
    public static IReadOnlyList<PsProperty>? For(PsObject obj)
    {
        foreach (var typeName in obj.TypeNames)
        {
            var name = typeName.StartsWith("Deserialized.", StringComparison.Ordinal) ? typeName["Deserialized.".Length..] : typeName;
            if (Views.TryGetValue(name, out var columns))
            {
                var properties = columns.Select(obj.FindProperty).OfType<PsProperty>().ToArray();
                return properties.Length > 0 ? properties : null;
            }
        }

        return null;
    }
}
