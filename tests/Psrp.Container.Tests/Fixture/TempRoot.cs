using System.Diagnostics;

namespace Psrp.Container.Tests.Fixture;

/// <summary>
/// The fixture's scratch folder (dockerd's data and exec roots, socket, certificates, shim).
/// Deletion first makes sure nothing is still mounted below it: a leftover container root would
/// hold bind mounts of the host's /usr and /etc, and a recursive delete must never walk into those.
/// </summary>
internal static class TempRoot
{
    public const string Prefix = "psrp-dockerd-";

    /// <summary>A new folder; short, because a unix socket path is limited to about 100 bytes.</summary>
    public static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), Prefix + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Removes folders of earlier runs whose dockerd is gone (a crashed or killed test run).</summary>
    public static void RemoveStale()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            var pidFile = Path.Combine(dir, "dockerd.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) && IsAlive(pid))
            {
                continue;
            }

            Delete(dir);
        }
    }

    /// <summary>Unmounts whatever is left below <paramref name="dir"/>, then deletes it; leaves it if a mount will not go.</summary>
    public static void Delete(string dir)
    {
        if (!Directory.Exists(dir))
        {
            return;
        }

        foreach (var mount in MountsBelow(dir).OrderByDescending(m => m.Length))
        {
            Run("umount", "-l", mount);
        }

        if (MountsBelow(dir).Count > 0)
        {
            return;
        }

        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a later run's RemoveStale tries again.
        }
    }

    private static List<string> MountsBelow(string dir)
    {
        var prefix = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir)) + "/";
        var mounts = new List<string>();
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            // Field 5 is the mount point, with spaces escaped as \040.
            var fields = line.Split(' ');
            if (fields.Length > 4)
            {
                var point = fields[4].Replace("\\040", " ", StringComparison.Ordinal);
                if (point.StartsWith(prefix, StringComparison.Ordinal))
                {
                    mounts.Add(point);
                }
            }
        }

        return mounts;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    internal static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            process.WaitForExit(10_000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }
}
