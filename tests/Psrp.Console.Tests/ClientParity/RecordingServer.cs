using System.Management.Automation;

namespace Psrp.Cli.Tests.ClientParity;

/// <summary>
/// One server both clients start: <c>$PSHOME/pwsh</c>, a shell script that copies what the client
/// writes to the server's stdin into <see cref="RecordVariable"/>'s file and runs the bundled
/// LocalServer. PowerShell's client (<see cref="PowerShellClient"/>) starts <c>$PSHOME/pwsh -s</c>;
/// psrp is pointed at the same script as its <c>process://</c> target. $PSHOME of PowerShell in this
/// process is the folder of System.Management.Automation.dll (this test's build output), so the
/// script is a build output too, never committed.
/// </summary>
internal static class RecordingServer
{
    /// <summary>The environment variable naming the file the script appends the client's bytes to (unset: nothing is recorded).</summary>
    public const string RecordVariable = "PSRP_TEST_CLIENT_WIRE";

    private static readonly Lazy<string> Script = new(Install);

    /// <summary>The script's path (written on first use).</summary>
    public static string Path => Script.Value;

    private static string Install()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The recording server is a POSIX shell script.");
        }

        var psHome = System.IO.Path.GetDirectoryName(typeof(PSObject).Assembly.Location)!;
        var path = System.IO.Path.Combine(psHome, "pwsh");
        var server = PsrpApp.LocalServerDll;
        var text = $"""
            #!/bin/sh
            # Test build output (ClientParity/RecordingServer.cs): record the client's bytes, run the LocalServer.
            if [ -n "${RecordVariable}" ]; then
              tee -a "${RecordVariable}" | "{PsrpApp.DotNet}" "{server}" "$@"
            else
              exec "{PsrpApp.DotNet}" "{server}" "$@"
            fi

            """;
        File.WriteAllText(path, text.Replace("${RecordVariable}", "$" + RecordVariable, StringComparison.Ordinal));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        return path;
    }
}
