using System.Globalization;

namespace Psrp.Benchmarks.Ssh;

/// <summary>
/// CPU time of other processes, from Linux's <c>/proc/PID/stat</c> (user + system, in clock ticks of
/// 10 ms): the ssh client processes this process started (PowerShell's client and the openssh provider
/// do their SSH crypto there, not in this process) and the server side under sshd (its per-connection
/// processes and the PowerShell servers). A measurement is two snapshots of a process tree and the
/// per-process difference, so processes that start or end in between count for what they used while seen.
/// </summary>
public static class ProcessTreeCpu
{
    /// <summary>Linux's USER_HZ, which <c>/proc</c> reports times in (100 on every mainstream kernel).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>
    /// CPU used so far by each living process in <paramref name="root"/>'s tree (with <paramref name="root"/> itself when
    /// <paramref name="includeRoot"/>), leaving out the subtree of <paramref name="exclude"/>.
    /// </summary>
    public static IReadOnlyDictionary<int, ProcessCpu> Snapshot(int root, bool includeRoot, int? exclude = null)
    {
        var processes = All();
        var children = processes.Values.ToLookup(p => p.ParentId);
        var result = new Dictionary<int, ProcessCpu>();
        var pending = new Stack<int>(includeRoot ? [root] : children[root].Select(p => p.Id));
        while (pending.Count > 0)
        {
            var id = pending.Pop();
            if (id == exclude || !processes.TryGetValue(id, out var process))
            {
                continue;
            }

            result[id] = process;
            foreach (var child in children[id])
            {
                pending.Push(child.Id);
            }
        }

        return result;
    }

    /// <summary>
    /// CPU used between two snapshots by the processes in <paramref name="after"/> whose executable name
    /// (<c>comm</c>) <paramref name="name"/> accepts (all when null); a process new since <paramref name="before"/> counts whole.
    /// </summary>
    public static TimeSpan Delta(IReadOnlyDictionary<int, ProcessCpu> before, IReadOnlyDictionary<int, ProcessCpu> after, Func<string, bool>? name = null)
    {
        var ticks = 0L;
        foreach (var (id, process) in after)
        {
            if (name is null || name(process.Name))
            {
                ticks += process.Ticks - (before.TryGetValue(id, out var earlier) && earlier.Name == process.Name ? earlier.Ticks : 0);
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>
    /// The ancestor of <paramref name="id"/> (or itself) whose parent is <paramref name="top"/>: for a PowerShell server,
    /// the sshd process serving its connection. Throws when <paramref name="id"/> does not descend from <paramref name="top"/>.
    /// </summary>
    public static int AncestorBelow(int id, int top)
    {
        var processes = All();
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
        All().Values.Where(p => p.ParentId == parent).Select(p => p.Id).Order().ToArray();

    private static Dictionary<int, ProcessCpu> All()
    {
        var result = new Dictionary<int, ProcessCpu>();
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
    private static ProcessCpu? Parse(int id, string text)
    {
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        if (open < 0 || close < open)
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
        return new ProcessCpu(id, parent, text[(open + 1)..close], ticks);
    }
}
