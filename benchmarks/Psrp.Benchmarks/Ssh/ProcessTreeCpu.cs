using System.Globalization;

namespace Psrp.Benchmarks.Ssh;

/// <summary>
/// CPU time of other processes, from Linux's <c>/proc/PID/stat</c> (user + system, in clock ticks of
/// 10 ms): the ssh client processes this process started (PowerShell's client and the openssh provider
/// do their SSH crypto there, not in this process) and the server side under sshd (its per-connection
/// processes and the PowerShell servers). Only living processes count, so a delta is taken while the
/// measured sessions are open.
/// </summary>
public static class ProcessTreeCpu
{
    /// <summary>Linux's USER_HZ, which <c>/proc</c> reports times in (100 on every mainstream kernel).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>CPU used so far by <paramref name="root"/>'s descendants (not <paramref name="root"/> itself), minus those under <paramref name="exclude"/>.</summary>
    public static TimeSpan Descendants(int root, int? exclude = null)
    {
        var processes = Snapshot();
        var children = processes.Values.ToLookup(p => p.ParentId);
        var total = 0L;
        var pending = new Stack<int>(children[root].Select(p => p.Id));
        while (pending.Count > 0)
        {
            var id = pending.Pop();
            if (id == exclude)
            {
                continue;
            }

            total += processes[id].Ticks;
            foreach (var child in children[id])
            {
                pending.Push(child.Id);
            }
        }

        return TimeSpan.FromSeconds(total / TicksPerSecond);
    }

    /// <summary>CPU used so far by <paramref name="root"/> and all its descendants.</summary>
    public static TimeSpan Tree(int root)
    {
        var own = Snapshot().TryGetValue(root, out var process) ? process.Ticks : 0;
        return TimeSpan.FromSeconds(own / TicksPerSecond) + Descendants(root);
    }

    /// <summary>
    /// The ancestor of <paramref name="id"/> (or itself) whose parent is <paramref name="top"/>: for a PowerShell server,
    /// the sshd process serving its connection. Throws when <paramref name="id"/> does not descend from <paramref name="top"/>.
    /// </summary>
    public static int AncestorBelow(int id, int top)
    {
        var processes = Snapshot();
        var current = id;
        while (processes.TryGetValue(current, out var process))
        {
            if (process.ParentId == top)
            {
                return current;
            }

            current = process.ParentId;
        }

        throw new InvalidOperationException($"Process {id} does not run under process {top}.");
    }

    /// <summary>The ids of <paramref name="parent"/>'s living child processes.</summary>
    public static IReadOnlyList<int> Children(int parent) =>
        Snapshot().Values.Where(p => p.ParentId == parent).Select(p => p.Id).Order().ToArray();

    private static Dictionary<int, ProcessStat> Snapshot()
    {
        var result = new Dictionary<int, ProcessStat>();
        if (!OperatingSystem.IsLinux())
        {
            return result;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }

            try
            {
                if (Parse(id, File.ReadAllText(Path.Combine(dir, "stat"))) is { } stat)
                {
                    result[id] = stat;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return result;
    }

    /// <summary>
    /// Parses <c>pid (comm) state ppid … utime stime …</c>: the command name may hold spaces and parentheses,
    /// so fields are counted from the last ')'. ppid is field 4, utime 14, stime 15 (proc(5)).
    /// </summary>
    private static ProcessStat? Parse(int id, string text)
    {
        var close = text.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = text[(close + 2)..].Split(' ');
        if (fields.Length < 13)
        {
            return null;
        }

        var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new ProcessStat(id, parent, ticks);
    }

    private readonly record struct ProcessStat(int Id, int ParentId, long Ticks);
}
