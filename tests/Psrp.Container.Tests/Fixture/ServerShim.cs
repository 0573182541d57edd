namespace Psrp.Container.Tests.Fixture;

/// <summary>
/// Makes <c>pwsh</c> exist in the test containers: an executable script that runs the
/// bind-mounted LocalServer with the host's dotnet, in a folder mounted over /usr/local/bin
/// (on top of the /usr bind). So the provider's default command, <c>pwsh -NoLogo -NoProfile -s</c>,
/// runs PowerShell's own server unchanged.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class ServerShim
{
    /// <summary>Writes the shim and returns the container's bind mounts.</summary>
    public static string[] Binds(string shimFolder, string localServerFolder)
    {
        var dotnet = FindDotnet();
        Directory.CreateDirectory(shimFolder);
        var pwsh = Path.Combine(shimFolder, "pwsh");
        File.WriteAllText(pwsh, $"#!/bin/sh\nexec {dotnet} /srv/Psrp.LocalServer.dll \"$@\"\n");
        File.SetUnixFileMode(pwsh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var binds = new List<string>
        {
            "/usr:/usr:ro",
            "/etc:/etc:ro",
            $"{localServerFolder}:/srv:ro",
            $"{shimFolder}:/usr/local/bin:ro",
        };

        // A dotnet installed outside /usr (e.g. ~/.dotnet on a developer machine) is mounted where it is.
        var dotnetRoot = Path.GetDirectoryName(dotnet)!;
        if (!dotnetRoot.StartsWith("/usr/", StringComparison.Ordinal))
        {
            binds.Add($"{dotnetRoot}:{dotnetRoot}:ro");
        }

        return [.. binds];
    }

    private static string FindDotnet()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"), Environment.ProcessPath }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Select(d => Path.Combine(d, "dotnet")));
        foreach (var candidate in candidates)
        {
            if (candidate is null || !File.Exists(candidate) || Path.GetFileNameWithoutExtension(candidate) != "dotnet")
            {
                continue;
            }

            var resolved = File.ResolveLinkTarget(candidate, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(candidate);
            return resolved;
        }

        throw new InvalidOperationException("No dotnet host found to run the LocalServer inside the test containers.");
    }
}
