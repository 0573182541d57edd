namespace Psrp.Plugin.Loopback.Helper;

/// <summary>The command line that starts PowerShell's server from a LocalServer build: <c>dotnet Psrp.LocalServer.dll -s …</c>.</summary>
public static class ServerCommandLine
{
    /// <summary>The executable and arguments that run <paramref name="serverPath"/> as an out-of-proc server.</summary>
    public static (string FileName, IReadOnlyList<string> Arguments) For(string serverPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(serverPath);
        string[] server = ["-s", "-NoLogo", "-NoProfile"];
        if (!serverPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return (serverPath, server);
        }

        // A framework-dependent .dll runs under the dotnet host that runs us.
        var dotnet = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? self
            : "dotnet";
        return (dotnet, [serverPath, .. server]);
    }
}
