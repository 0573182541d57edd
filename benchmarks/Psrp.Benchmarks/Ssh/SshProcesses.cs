namespace Psrp.Benchmarks.Ssh;

/// <summary>
/// The ssh client processes this process runs (for PowerShell's client and the openssh provider), read from
/// <c>/proc</c>: the run prints their command lines, so the table shows which ssh invocation was measured.
/// </summary>
public static class SshProcesses
{
    /// <summary>The command line of every living child process of ours whose executable is named <c>ssh</c>.</summary>
    public static IReadOnlyList<string> CommandLines()
    {
        var lines = new List<string>();
        foreach (var id in ProcessTreeCpu.Children(Environment.ProcessId))
        {
            try
            {
                var arguments = File.ReadAllText($"/proc/{id}/cmdline").TrimEnd('\0').Split('\0');
                if (arguments.Length > 0 && Path.GetFileName(arguments[0]) == "ssh")
                {
                    lines.Add($"pid {id}: {string.Join(' ', arguments)}");
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // It ended while we looked.
            }
        }

        return lines;
    }
}
