using System.Diagnostics;
using Psrp.OutOfProc;
using Psrp.Providers.Shared;
using Psrp.Transport;

namespace Psrp.Providers.Process;

/// <summary>
/// Starts a local PowerShell server process and runs the out-of-process framing on its stdin and
/// stdout. The server's stderr is kept (its tail) for error messages; the process is ended when
/// the transport is disposed. Target: <c>process:</c> (the embedded default) or
/// <c>process:///path/to/server</c>.
/// </summary>
[ExportTransportProvider(Name, Schemes = ["process"], Description = "A local PowerShell server process (pwsh -s, or the bundled endpoint) over stdio")]
public sealed class ProcessTransportProvider : ITransportProvider
{
    /// <summary>The provider name, used in errors.</summary>
    public const string Name = "process";

    /// <inheritdoc />
    async ValueTask<IPsrpTransport> ITransportProvider.ConnectAsync(TransportConnectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new ProcessTransportOptions { FileName = request.Target.Path, ConfigurationName = request.Parameters.ConfigurationName, Transport = request.Options };
        return await ConnectAsync(options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the server and returns a transport over its stdio.</summary>
    public ValueTask<ProcessTransport> ConnectAsync(ProcessTransportOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ProcessTransportOptions();
        cancellationToken.ThrowIfCancellationRequested();

        // Bad tuning fails before a server process exists.
        options.Transport?.Validate();
        ServerCommand command;
        try
        {
            command = ServerCommand.Resolve(options);
        }
        catch (FileNotFoundException ex)
        {
            throw new PsrpTransportException(Name, TransportPhase.Connect, ex.Message, ex);
        }

        var start = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = options.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in options.Environment)
        {
            start.Environment[key] = value;
        }

        var stderr = new StderrTail();
        var process = new System.Diagnostics.Process { StartInfo = start, EnableRaisingEvents = true };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new PsrpTransportException(Name, TransportPhase.Connect, $"could not start {command.Description} ({command.FileName}): {ex.Message}", ex);
        }

        var stderrEnded = ReadStderr(process, stderr);
        var owner = new OwnedProcess(process, options.ExitGracePeriod);
        var inner = new OutOfProcTransport(
            process.StandardOutput.BaseStream,
            process.StandardInput.BaseStream,
            new OutOfProcTransportOptions
            {
                Name = Name,
                MaxFragmentSize = options.MaxFragmentSize,
                AckTimeout = options.AckTimeout,
                Diagnostics = () => Describe(process, stderr, stderrEnded),
            }.With(options.Transport),
            owner);
        return ValueTask.FromResult(new ProcessTransport(inner, process.Id, command.Description));
    }

    private static readonly TimeSpan StderrGrace = TimeSpan.FromMilliseconds(500);

    private static string Describe(System.Diagnostics.Process process, StderrTail stderr, ManualResetEventSlim stderrEnded)
    {
        var exit = string.Empty;
        try
        {
            // The transport's reader sees stdout end as soon as the server exits, often before the
            // stderr lines of that exit have been read: give an exiting server a moment, then wait
            // (bounded, a child of the server may still hold stderr open) for its stderr to end.
            if (process.WaitForExit(StderrGrace))
            {
                stderrEnded.Wait(StderrGrace);
                exit = $"(process exited with code {process.ExitCode}) ";
            }
        }
        catch (InvalidOperationException)
        {
        }

        return exit + stderr.ToString().Trim();
    }

    // The server's stderr is read on a thread of its own, not by Process's thread-pool reader: the
    // diagnostics are wanted exactly when the pool may be busy or blocked (a failed open), and a line
    // the pool has not dispatched yet would be missing from the error (seen: "exited with code 3" and
    // the reason lost).
    private static ManualResetEventSlim ReadStderr(System.Diagnostics.Process process, StderrTail stderr)
    {
        var ended = new ManualResetEventSlim();
        var reader = process.StandardError;
        new Thread(() =>
        {
            try
            {
                while (reader.ReadLine() is { } line)
                {
                    stderr.Append(line);
                }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // The process object was disposed: its stderr is no longer of interest.
            }
            finally
            {
                ended.Set();
            }
        })
        { IsBackground = true, Name = "PSRP server stderr" }.Start();
        return ended;
    }
}
