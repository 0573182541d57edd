using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Psrp.OutOfProc;
using Psrp.Providers.Shared;
using Psrp.Transport;

namespace Psrp.Providers.OpenSsh;

/// <summary>
/// PowerShell over SSH through the system OpenSSH client, exactly as PowerShell does it: runs
/// <c>ssh [-i key] [-l user] [-p port] [-o k=v …] -s host powershell</c> and speaks the out-of-proc
/// framing on its stdin and stdout. Users keep their ssh_config, agent, ProxyJump, GSSAPI and
/// ssh's own prompts (on the terminal, when there is one); ssh's stderr goes into error messages.
/// </summary>
/// <remarks>
/// It claims no URI scheme: the <c>ssh</c> scheme belongs to the in-process <c>ssh</c> provider, so
/// selection by scheme stays deterministic. Choose this one by name (<c>-Provider openssh</c>).
/// </remarks>
[ExportTransportProvider(Name, Schemes = [], Description = "PowerShell over SSH through the system ssh client (ssh -s host powershell), with ssh_config, agent and ProxyJump")]
public sealed class OpenSshTransportProvider : ITransportProvider
{
    /// <summary>The provider name, used in errors.</summary>
    public const string Name = "openssh";

    // ssh exits by itself once its stdin closes and the channel ends; past this it is killed.
    private static readonly TimeSpan SshExitGrace = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public ValueTask<IPsrpTransport> ConnectAsync(TransportConnectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var command = OpenSshCommandLine.Build(request);
        var logger = request.LoggerFactory.CreateLogger<OpenSshTransportProvider>();
        var start = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var stderr = new StderrTail();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new PsrpTransportException(Name, TransportPhase.Connect,
                $"could not start the OpenSSH client '{command.FileName}': {ex.Message}. Install OpenSSH (openssh-client), put ssh on PATH, or name it with the {OpenSshCommandLine.SshPathSetting} provider setting.", ex);
        }

        logger.LogDebug("Started {Command} (pid {Pid})", command, process.Id);
        var stderrReader = StderrReader.Start(process, stderr, "PSRP ssh stderr");
        var stdout = new FirstByteWatch(process.StandardOutput.BaseStream);
        var timedOut = false;
        if (request.Parameters.ConnectingTimeout is > 0 and var ms)
        {
            _ = WatchConnectingAsync(process, stdout.Arrived, TimeSpan.FromMilliseconds(ms), () => timedOut = true);
        }

        var transport = new OutOfProcTransport(
            stdout,
            process.StandardInput.BaseStream,
            new OutOfProcTransportOptions
            {
                Name = Name,
                Diagnostics = () => (timedOut ? $"no answer within the connecting timeout of {request.Parameters.ConnectingTimeout} ms, so ssh was stopped. " : string.Empty)
                    + Describe(process, stderr, stderrReader),
            }.With(request.Options),
            new OwnedProcess(process, SshExitGrace));
        return ValueTask.FromResult<IPsrpTransport>(transport);
    }

    private static async Task WatchConnectingAsync(Process process, Task arrived, TimeSpan timeout, Action onTimeout)
    {
        if (await Task.WhenAny(arrived, Task.Delay(timeout)).ConfigureAwait(false) == arrived)
        {
            return;
        }

        onTimeout();
        try
        {
            // Ending ssh ends its stdout, which fails the transport with the reason above.
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }

    private static string Describe(Process process, StderrTail stderr, StderrReader stderrReader)
    {
        var exit = string.Empty;
        try
        {
            // Called when ssh's stdout ended: ssh is exiting, and its last stderr lines (the
            // reason) may still be in flight: wait for them once it has exited, bounded (a
            // ProxyCommand child may still hold stderr open).
            if (process.WaitForExit(1000))
            {
                stderrReader.WaitForEnd(TimeSpan.FromSeconds(1));
            }

            if (process.HasExited)
            {
                // ssh exits 255 for its own errors (authentication, host key, network).
                exit = $"(ssh exited with code {process.ExitCode}) ";
            }
        }
        catch (InvalidOperationException)
        {
        }

        return exit + stderr.ToString().Trim();
    }
}
