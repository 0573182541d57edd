using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Psrp.OutOfProc;
using Psrp.Transport;

namespace Psrp.Providers.Container;

/// <summary>
/// Enter-PSSession -ContainerId through the Docker Engine API: resolves the container (full id,
/// unique id prefix or name) and checks it runs, creates an exec with stdin attached running
/// PowerShell's stdio server (<c>pwsh -NoLogo -NoProfile -s</c> unless configured otherwise), starts
/// it hijacked, demultiplexes its stdout/stderr frames and runs the out-of-proc framing on them.
/// Target: <c>container://&lt;id-or-name&gt;</c>. Settings: <see cref="ContainerSettings"/>.
/// </summary>
/// <remarks>
/// PowerShell itself enters containers only on Windows, through the Host Compute Service
/// (psrp-facts §9); the engine API works for Linux and Windows containers, locally or remotely.
/// </remarks>
[ExportTransportProvider(Name, Schemes = ["container"], Description = "PowerShell in a running container through the Docker Engine API (exec of pwsh -s)")]
public sealed class ContainerTransportProvider : ITransportProvider
{
    /// <summary>The provider name, used in errors.</summary>
    public const string Name = "container";

    /// <inheritdoc />
    async ValueTask<IPsrpTransport> ITransportProvider.ConnectAsync(TransportConnectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await ConnectAsync(ContainerSettings.ToOptions(request) with { Transport = request.Options }, request.LoggerFactory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the server in the container and returns a transport over its stdio. Failures are Connect-phase <see cref="PsrpTransportException"/>s.</summary>
    public async ValueTask<ContainerTransport> ConnectAsync(ContainerTransportOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ContainerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ServerExecutable);
        cancellationToken.ThrowIfCancellationRequested();
        options.Transport?.Validate();
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<ContainerTransportProvider>();

        var engine = DockerEngine.Create(options.Engine, loggerFactory.CreateLogger("Docker.DotNet"));
        MultiplexedStream? stream = null;
        try
        {
            var container = await ResolveAsync(engine, options.ContainerId, logger, cancellationToken).ConfigureAwait(false);
            var command = ServerExecCommand.Create(options, container.Platform);
            var execId = await CreateExecAsync(engine, container, command, cancellationToken).ConfigureAwait(false);
            stream = await StartExecAsync(engine, execId, cancellationToken).ConfigureAwait(false);
            logger.ExecStarted(execId, container.Name, command.ToString());

            var session = new ExecSession(engine, container, execId, command, stream, options.ExitGracePeriod, logger);
            var inner = new OutOfProcTransport(
                session.Pump.Output,
                session.Input,
                new OutOfProcTransportOptions
                {
                    Name = Name,
                    MaxFragmentSize = options.MaxFragmentSize,
                    AckTimeout = options.AckTimeout,
                    Diagnostics = session.Diagnostics,
                }.With(options.Transport),
                session);
            return new ContainerTransport(inner, container.Id, container.Name, execId, engine.Display, command.ToString());
        }
        catch
        {
            stream?.Dispose();
            engine.Dispose();
            throw;
        }
    }

    private static async Task<ResolvedContainer> ResolveAsync(DockerEngine engine, string container, ILogger logger, CancellationToken cancellationToken)
    {
        ContainerInspectResponse inspect;
        try
        {
            inspect = await engine.Client.Containers.InspectContainerAsync(container, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (EngineErrors.IsNotFound(ex))
        {
            throw EngineErrors.ContainerNotFound(engine, container, ex);
        }
        catch (DockerApiException ex)
        {
            throw EngineErrors.Refused(engine, $"inspect container '{container}'", ex);
        }
        catch (Exception ex) when (EngineErrors.IsUnreachable(ex, cancellationToken))
        {
            throw EngineErrors.Unreachable(engine, ex);
        }

        var name = inspect.Name.TrimStart('/');
        if (inspect.State is not { Running: true } || inspect.State.Paused || inspect.State.Restarting)
        {
            var status = inspect.State?.Status is { Length: > 0 } s ? s : "not running";
            throw EngineErrors.NotRunning(container, name, inspect.ID, status);
        }

        var platform = string.IsNullOrEmpty(inspect.Platform) ? "linux" : inspect.Platform;
        logger.Resolved(container, engine.Display, name, inspect.ID, platform);
        return new ResolvedContainer(inspect.ID, name, platform);
    }

    private static async Task<string> CreateExecAsync(DockerEngine engine, ResolvedContainer container, ServerExecCommand command, CancellationToken cancellationToken)
    {
        try
        {
            var exec = await engine.Client.Exec.CreateContainerExecAsync(container.Id, new ContainerExecCreateParameters
            {
                Cmd = [.. command.Command],
                User = command.User,
                Env = [command.Marker],
                AttachStdin = true,
                AttachStdout = true,
                AttachStderr = true,
                TTY = false,
            }, cancellationToken).ConfigureAwait(false);
            return exec.ID;
        }
        catch (DockerApiException ex)
        {
            // E.g. the container stopped since it was inspected, or the user does not exist there.
            throw EngineErrors.Refused(engine, $"create an exec running '{command}' in container {container.Name}", ex);
        }
        catch (Exception ex) when (EngineErrors.IsUnreachable(ex, cancellationToken))
        {
            throw EngineErrors.Unreachable(engine, ex);
        }
    }

    private static async Task<MultiplexedStream> StartExecAsync(DockerEngine engine, string execId, CancellationToken cancellationToken)
    {
        try
        {
            // Not a TTY: stdout and stderr stay apart (multiplexed frames), and no terminal mangles the protocol lines.
            return await engine.Client.Exec.StartContainerExecAsync(execId, new ContainerExecStartParameters { Detach = false, TTY = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException ex)
        {
            throw EngineErrors.Refused(engine, $"start exec {EngineErrors.Short(execId)}", ex);
        }
        catch (Exception ex) when (EngineErrors.IsUnreachable(ex, cancellationToken))
        {
            throw EngineErrors.Unreachable(engine, ex);
        }
    }
}
