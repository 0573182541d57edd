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

    /// <summary>A new folder, marked with the test process that owns it; short, because a unix socket path is limited to about 100 bytes.</summary>
    public static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), Prefix + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, OwnerFile), OwnerStamp(Environment.ProcessId));
        return path;
    }

    /// <summary>
    /// Cleans up after earlier runs that died without their Dispose (a killed test host): stops
    /// their dockerd and removes their folder. A folder whose owner still runs is left alone, and
    /// so is a brand-new one without an owner mark yet.
    /// </summary>
    public static async Task RemoveStaleAsync()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            var owner = Path.Combine(dir, OwnerFile);
            if (File.Exists(owner) ? OwnerAlive(File.ReadAllText(owner)) : Directory.GetLastWriteTimeUtc(dir) > DateTime.UtcNow.AddMinutes(-10))
            {
                continue;
            }

            var pidFile = Path.Combine(dir, "dockerd.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) && IsAlive(pid))
            {
                await StopAsync(pid);
            }

            Delete(dir);
        }
    }

    private const string OwnerFile = "owner";

    // The start time guards against a recycled process id.
    private static string OwnerStamp(int pid)
    {
        using var process = Process.GetProcessById(pid);
        return $"{pid} {process.StartTime.ToUniversalTime().Ticks}";
    }

    private static bool OwnerAlive(string stamp)
    {
        var parts = stamp.Trim().Split(' ');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var pid) || !IsAlive(pid))
        {
            return false;
        }

        try
        {
            return OwnerStamp(pid) == stamp.Trim();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static async Task StopAsync(int pid)
    {
        Run("kill", "-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var i = 0; i < 200 && IsAlive(pid); i++)
        {
            await Task.Delay(100);
        }

        if (IsAlive(pid))
        {
            Run("kill", "-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
