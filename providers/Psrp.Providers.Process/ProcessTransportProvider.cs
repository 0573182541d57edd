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

        var stderrReader = StderrReader.Start(process, stderr, "PSRP server stderr");
        var owner = new OwnedProcess(process, options.ExitGracePeriod);
        var inner = new OutOfProcTransport(
            process.StandardOutput.BaseStream,
            process.StandardInput.BaseStream,
            new OutOfProcTransportOptions
            {
                Name = Name,
                MaxFragmentSize = options.MaxFragmentSize,
                AckTimeout = options.AckTimeout,
                Diagnostics = () => Describe(process, stderr, stderrReader),
            }.With(options.Transport),
            owner);
        return ValueTask.FromResult(new ProcessTransport(inner, process.Id, command.Description));
    }

    private static readonly TimeSpan StderrGrace = TimeSpan.FromMilliseconds(500);

    private static string Describe(System.Diagnostics.Process process, StderrTail stderr, StderrReader stderrReader)
    {
        var exit = string.Empty;
        try
        {
            // The transport's reader sees stdout end as soon as the server exits, often before the
            // stderr lines of that exit have been read: give an exiting server a moment, then wait
            // (bounded, a child of the server may still hold stderr open) for its stderr to end.
            if (process.WaitForExit(StderrGrace))
            {
                stderrReader.WaitForEnd(StderrGrace);
                exit = $"(process exited with code {process.ExitCode}) ";
            }
        }
        catch (InvalidOperationException)
        {
        }

        return exit + stderr.ToString().Trim();
    }
}
