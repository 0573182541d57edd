using Psrp.Transport;

namespace Psrp.Providers.Ssh;

/// <summary>
/// PowerShell over SSH, in-process with SSH.NET: connects, authenticates (keys, password,
/// keyboard-interactive), checks the host key against known_hosts, opens a channel running the
/// <c>powershell</c> subsystem (or a command) and runs the out-of-proc framing on it. Owns the
/// <c>ssh</c> scheme (<c>ssh://user@host:port</c>, <c>-HostName</c>).
/// </summary>
/// <remarks>
/// Users who need their ssh_config, an agent, ProxyJump or GSSAPI choose the <c>openssh</c>
/// provider by name instead; it claims no scheme so that <c>ssh</c> has one owner. To run several
/// pools over one connection, use <see cref="OpenConnectionAsync"/> and
/// <see cref="SshConnection.OpenTransportAsync"/>.
/// </remarks>
[ExportTransportProvider(Name, Schemes = ["ssh"], Description = "PowerShell over SSH in-process (SSH.NET): the powershell subsystem, or a command")]
public sealed class SshTransportProvider : ITransportProvider
{
    /// <summary>The provider name, used in errors.</summary>
    public const string Name = "ssh";

    /// <summary>Connects and opens one transport on its own connection, which closes with the transport.</summary>
    public async ValueTask<IPsrpTransport> ConnectAsync(TransportConnectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (settings, target) = SshSessionParameters.Map(request);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (settings.ConnectingTimeout is { } timeout)
        {
            deadline.CancelAfter(timeout);
        }

        SshConnection? connection = null;
        try
        {
            connection = await SshConnection.ConnectAsync(settings, request.LoggerFactory, deadline.Token).ConfigureAwait(false);
            connection.DefaultTarget = target;
            connection.TransportOptions = request.Options;
            return await connection.OpenTransportAsync(target, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            await DisposeAsync(connection).ConfigureAwait(false);
            throw new PsrpTransportException(Name, TransportPhase.Connect,
                $"{settings.WireUserName}@{settings.Host}:{settings.Port} did not connect and open the {target} within the connecting timeout of {settings.ConnectingTimeout!.Value.TotalMilliseconds:0} ms.", ex);
        }
        catch
        {
            await DisposeAsync(connection).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Connects without opening a channel, for several runspace pools over one connection: call
    /// <see cref="SshConnection.OpenTransportAsync"/> once per pool (each runs the request's
    /// subsystem or command). The connection closes when its last transport closes, unless
    /// <see cref="SshConnection.CloseWhenIdle"/> is turned off; disposing it closes it at once.
    /// </summary>
    public async Task<SshConnection> OpenConnectionAsync(TransportConnectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (settings, target) = SshSessionParameters.Map(request);
        var connection = await SshConnection.ConnectAsync(settings, request.LoggerFactory, cancellationToken).ConfigureAwait(false);
        connection.DefaultTarget = target;
        return connection;
    }

    private static ValueTask DisposeAsync(SshConnection? connection) => connection?.DisposeAsync() ?? ValueTask.CompletedTask;
}
