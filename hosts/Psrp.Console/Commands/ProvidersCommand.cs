using System.CommandLine;
using Psrp.Cli.Cli;
using Psrp.Cli.Sessions;

namespace Psrp.Cli.Commands;

/// <summary><c>psrp providers</c>: the transport providers found, their schemes, the plugin folders searched and plugins that failed to load.</summary>
internal static class ProvidersCommand
{
    public static Command Create(ISessionFactory sessions)
    {
        var command = new Command("providers", "List transport providers, their URI schemes, the plugin folders searched and plugin load failures.");
        command.SetAction(_ => Run(sessions.Describe(), Console.Out));
        return command;
    }

    public static int Run(ProviderReport report, TextWriter output)
    {
        output.WriteLine("Providers:");
        if (report.Providers.Count == 0)
        {
            output.WriteLine("  (none)");
        }

        var nameWidth = Math.Max(4, report.Providers.Select(p => p.Name.Length).DefaultIfEmpty(0).Max());
        var schemeTexts = report.Providers.Select(p => string.Join(", ", p.Schemes.Select(s => s + ":"))).ToArray();
        var schemeWidth = Math.Max(7, schemeTexts.Select(s => s.Length).DefaultIfEmpty(0).Max());
        output.WriteLine($"  {"Name".PadRight(nameWidth)}  {"Schemes".PadRight(schemeWidth)}  Description");
        output.WriteLine($"  {new string('-', nameWidth)}  {new string('-', schemeWidth)}  -----------");
        for (var i = 0; i < report.Providers.Count; i++)
        {
            var p = report.Providers[i];
            var note = p.SupportedOnThisSystem ? string.Empty : $" (not on this OS; runs on {string.Join(", ", p.OperatingSystems)})";
            output.WriteLine($"  {p.Name.PadRight(nameWidth)}  {schemeTexts[i].PadRight(schemeWidth)}  {p.Description}{note}");
            output.WriteLine($"  {new string(' ', nameWidth)}  {new string(' ', schemeWidth)}  from {p.Source}");
        }

        output.WriteLine();
        output.WriteLine("Plugin folders searched:");
        WriteList(output, report.PluginFolders);
        output.WriteLine();
        output.WriteLine("Plugin load failures:");
        WriteList(output, report.Failures.Select(f => $"{f.Path}: {f.Reason}").ToArray());
        if (report.Conflicts.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Conflicts:");
            WriteList(output, report.Conflicts);
        }

        return ExitCodes.Success;
    }

    private static void WriteList(TextWriter output, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            output.WriteLine("  (none)");
        }

        foreach (var item in items)
        {
            output.WriteLine($"  {item}");
        }
    }
}
