using System.Management.Automation;

namespace Psrp.Benchmarks.EndToEnd;

/// <summary>
/// PowerShell's client starts <c>Path.Combine($PSHOME, "pwsh")</c> (<c>PowerShellProcessInstance.PwshExePath</c>),
/// and an in-process engine's $PSHOME is the folder of System.Management.Automation.dll. No pwsh is
/// installable here, so this writes an executable <c>pwsh</c> script there that runs the LocalServer
/// with the arguments it is given. It is a build output (under bin/), never committed.
/// </summary>
public static class PwshShim
{
    /// <summary>$PSHOME as PowerShell's in-process engine computes it.</summary>
    public static string PsHome { get; } = Path.GetDirectoryName(typeof(PSObject).Assembly.Location)
        ?? throw new InvalidOperationException("System.Management.Automation has no location on disk.");

    /// <summary>Writes (or refreshes) <c>$PSHOME/pwsh</c> to exec the LocalServer; returns its path.</summary>
    public static string Install()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The pwsh shim is a POSIX shell script; the end-to-end harness runs on Linux or macOS.");
        }

        var path = Path.Combine(PsHome, "pwsh");
        var text = $"#!/bin/sh\nexec \"{LocalServerCommand.Dotnet}\" \"{LocalServerCommand.DllPath}\" \"$@\"\n";
        if (!File.Exists(path) || File.ReadAllText(path) != text)
        {
            File.WriteAllText(path, text);
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return path;
    }
}
