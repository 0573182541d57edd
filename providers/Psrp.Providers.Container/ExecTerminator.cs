using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Psrp.Providers.Container;

/// <summary>
/// Ends a server that did not exit after its stdin closed. The Docker Engine API has no call to
/// end an exec, so a second, short exec does it from inside the container:
/// in a Linux container, <c>/bin/sh</c>, run as the server's user, finds every process whose
/// environment holds the server's marker (the server and the children that inherited it) and sends SIGKILL; in a Windows
/// container, <c>taskkill /F /T</c> ends the process id the engine reports (not verified here: no
/// Windows engine on these machines). A container without <c>/bin/sh</c> and <c>grep</c> keeps the
/// server until the container stops; the caller logs that.
/// </summary>
internal static class ExecTerminator
{
    // $1 is the marker entry; grep -F matches it inside the NUL-separated environ file. The kill
    // exec itself lacks the marker, so it never matches itself. All pids go to one kill: killing
    // them one by one would let a parent shell run on for a moment after its child died.
    private const string LinuxScript =
        "pids=; for f in /proc/[0-9]*/environ; do if grep -qF \"$1\" \"$f\" 2>/dev/null; then p=${f#/proc/}; pids=\"$pids ${p%/environ}\"; fi; done; " +
        "[ -z \"$pids\" ] || kill -9 $pids 2>/dev/null; exit 0";

    /// <summary>Runs the kill exec and waits for it; returns its exit code, or throws what the engine said.</summary>
    public static async Task<long?> KillAsync(DockerClient client, string containerId, string platform, string execId, ServerExecCommand command, CancellationToken cancellationToken)
    {
        IList<string> kill;
        string user;
        if (string.Equals(platform, "windows", StringComparison.OrdinalIgnoreCase))
        {
            var inspect = await client.Exec.InspectContainerExecAsync(execId, cancellationToken).ConfigureAwait(false);
            if (!inspect.Running || inspect.Pid <= 0)
            {
                return 0;
            }

            kill = ["taskkill", "/F", "/T", "/PID", inspect.Pid.ToString(CultureInfo.InvariantCulture)];
            user = ServerExecCommand.WindowsAdministrator;
        }
        else
        {
            // As the server's own user: reading another user's /proc/<pid>/environ needs CAP_SYS_PTRACE,
            // which container root lacks by default; the same user may read it and kill.
            kill = ["/bin/sh", "-c", LinuxScript, "psrp-kill", command.Marker];
            user = command.User;
        }

        var exec = await client.Exec.CreateContainerExecAsync(containerId, new ContainerExecCreateParameters
        {
            Cmd = kill,
            User = user,
            AttachStdout = true,
            AttachStderr = true,
        }, cancellationToken).ConfigureAwait(false);
        using (var stream = await client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), cancellationToken).ConfigureAwait(false))
        {
            await stream.ReadOutputToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        return (await client.Exec.InspectContainerExecAsync(exec.ID, cancellationToken).ConfigureAwait(false)).ExitCode;
    }
}
