using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Psrp.OutOfProc;
using Psrp.Providers.Ssh.KnownHosts;
using Psrp.Transport;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Psrp.Providers.Ssh;

/// <summary>
/// One authenticated SSH connection that can carry several runspace pools, each on its own
/// session channel running the <c>powershell</c> subsystem (or a command): open it once, then call
/// <see cref="OpenTransportAsync"/> per pool and hand each transport to <c>RunspacePool.OpenAsync</c>.
/// </summary>
/// <remarks>
/// <para>
/// Lifetime: each transport closes its own channel when disposed (a runspace pool disposes its
/// transport when it closes). With <see cref="CloseWhenIdle"/> (the default) the connection closes
/// itself when its last transport closes; set it to false to keep it for later pools. Disposing the
/// connection closes it at once and fails every transport still open on it with a transport error.
/// </para>
/// <para>
/// sshd limits the channels open on one connection (<c>MaxSessions</c>, 10 by default); every
/// subsystem channel also starts its own PowerShell process on the server.
/// </para>
/// </remarks>
public sealed class SshConnection : IAsyncDisposable
{
    private readonly SshClient _client;
    private readonly SshAuthentication _authentication;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<SshChannelStream, byte> _streams = new();
    private readonly object _gate = new();
    private int _openTransports;
    private bool _closed;
    private string? _lostReason;

    private SshConnection(SshClient client, SshAuthentication authentication, SshConnectionSettings settings, string fingerprint, ILogger logger)
    {
        _client = client;
        _authentication = authentication;
        _logger = logger;
        Settings = settings;
        HostKeyFingerprint = fingerprint;
        _client.ErrorOccurred += OnConnectionError;
    }

    /// <summary>Where and how this connection was made (its secrets are never shown).</summary>
    public SshConnectionSettings Settings { get; }

    /// <summary>What <see cref="OpenTransportAsync"/> runs when not told otherwise (default: the <c>powershell</c> subsystem).</summary>
    public SshChannelTarget DefaultTarget { get; set; } = SshChannelTarget.PowerShellSubsystem;

    /// <summary>Wire tuning and recorder for the transports <see cref="OpenTransportAsync"/> opens from now on (null: defaults).</summary>
    public TransportOptions? TransportOptions { get; set; }

    /// <summary>The accepted host key's fingerprint (<c>SHA256:…</c>).</summary>
    public string HostKeyFingerprint { get; }

    /// <summary>The server's identification string (e.g. <c>SSH-2.0-OpenSSH_9.2p1 …</c>).</summary>
    public string? ServerVersion => _client.ConnectionInfo.ServerVersion;

    /// <summary>True while the SSH connection is up.</summary>
    public bool IsConnected => !_closed && _client.IsConnected;

    /// <summary>How many transports (channels) are open on the connection.</summary>
    public int OpenTransportCount => Volatile.Read(ref _openTransports);

    /// <summary>Close the connection when its last transport closes (default true).</summary>
    public bool CloseWhenIdle { get; set; } = true;

    /// <summary>
    /// Connects and authenticates. Failures are <see cref="PsrpTransportException"/>s in the
    /// Connect phase: <see cref="SshHostKeyRejectedException"/> for a host key the known_hosts files
    /// do not vouch for, <see cref="SshAuthenticationFailedException"/> when every method was refused,
    /// and plain ones for unreachable hosts, timeouts and unusable key files.
    /// </summary>
    public static async Task<SshConnection> ConnectAsync(SshConnectionSettings settings, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        SshNetChannel.Verify();
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SshConnection>();
        var where = $"{settings.WireUserName}@{DisplayHost(settings)}";
        var authentication = SshAuthentication.Create(settings, logger);
        var connectionInfo = new ConnectionInfo(settings.Host, settings.Port, settings.WireUserName, authentication.Methods)
        {
            Timeout = settings.ConnectTimeout,
        };
        var verifier = new HostKeyVerifier(settings, logger);
        SshClient? client = null;
        try
        {
            verifier.PreferKnownAlgorithms(connectionInfo);
            client = new SshClient(connectionInfo);
            client.HostKeyReceived += (sender, e) =>
            {
                verifier.OnHostKeyReceived(sender, e);
                if (verifier.AcceptedChangedKey)
                {
                    SshAuthentication.WithdrawPasswordMethods(connectionInfo, settings.WireUserName);
                }
            };
            if (settings.ServerAliveInterval is { } interval && interval > TimeSpan.Zero)
            {
                client.KeepAliveInterval = interval;
            }

            logger.LogDebug("Connecting to {Target} offering {Methods}", where, string.Join(", ", authentication.Descriptions));
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (settings.ConnectingTimeout is { } connecting)
            {
                deadline.CancelAfter(connecting);
            }

            try
            {
                // SSH.NET does not watch the token in every step of the handshake; the deadline does,
                // and a handshake it abandons fails quietly once the client is disposed.
                var connect = client.ConnectAsync(deadline.Token);
                _ = connect.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                await connect.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new PsrpTransportException(SshTransportProvider.Name, TransportPhase.Connect,
                    $"{where} did not complete the SSH handshake within the connecting timeout of {settings.ConnectingTimeout!.Value.TotalMilliseconds:0} ms.", ex);
            }

            logger.LogInformation("Connected to {Target} ({Server}), host key {Fingerprint}", where, connectionInfo.ServerVersion, verifier.Fingerprint);
            var connection = new SshConnection(client, authentication, settings, verifier.Fingerprint ?? string.Empty, logger);
            client = null;
            return connection;
        }
        catch (Exception ex) when (ex is not PsrpTransportException and not OperationCanceledException)
        {
            throw Translate(ex, verifier, authentication, settings, where);
        }
        finally
        {
            if (client is not null)
            {
                client.Dispose();
                authentication.Dispose();
            }
        }
    }

    /// <summary>
    /// Opens a channel running <paramref name="target"/> (default <see cref="DefaultTarget"/>) and
    /// returns the out-of-proc transport on it, ready for <c>RunspacePool.OpenAsync</c>. A refused
    /// subsystem, command or channel is a <see cref="PsrpTransportException"/> in the Connect phase.
    /// </summary>
    public async Task<SshTransport> OpenTransportAsync(SshChannelTarget? target = null, CancellationToken cancellationToken = default)
    {
        target ??= DefaultTarget;
        lock (_gate)
        {
            if (_closed || !_client.IsConnected)
            {
                throw new PsrpTransportException(SshTransportProvider.Name, TransportPhase.Connect,
                    $"the SSH connection to {DisplayHost(Settings)} is closed{(_lostReason is null ? string.Empty : $" ({_lostReason})")}; connect again.");
            }

            _openTransports++;
        }

        var stream = new SshChannelStream();
        var lease = new ChannelLease(this, stream);
        _streams[stream] = 0;
        try
        {
            var channel = SshNetChannel.Create(_client, stream);
            stream.Attach(channel);
            var open = Task.Run(() => OpenChannel(channel, target), CancellationToken.None);
            try
            {
                await open.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The blocking open goes on in the background; release the channel once it ends.
                _ = open.ContinueWith(_ => lease.DisposeAsync().AsTask(), TaskScheduler.Default);
                throw;
            }

            _logger.LogDebug("Opened {Target} on {Host}", target, DisplayHost(Settings));
            var inner = new OutOfProcTransport(stream, stream, new OutOfProcTransportOptions
            {
                Name = SshTransportProvider.Name,
                Diagnostics = () => Diagnose(stream),
            }.With(TransportOptions), lease);
            return new SshTransport(inner, this, target);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await lease.DisposeAsync().ConfigureAwait(false);
            if (ex is PsrpTransportException)
            {
                throw;
            }

            throw new PsrpTransportException(SshTransportProvider.Name, TransportPhase.Connect,
                $"{DisplayHost(Settings)} refused to open a session channel: {ex.Message} (sshd allows MaxSessions channels per connection, 10 by default).", ex);
        }
    }

    /// <summary>Closes the connection now; transports still open on it fail with a transport error.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
        }

        foreach (var stream in _streams.Keys)
        {
            stream.Fail(new IOException($"the SSH connection to {DisplayHost(Settings)} was closed by its owner."));
        }

        _client.ErrorOccurred -= OnConnectionError;
        await Task.Run(() =>
        {
            try
            {
                _client.Disconnect();
            }
            catch (Exception ex) when (ex is SshException or SocketException or ObjectDisposedException or InvalidOperationException or IOException)
            {
                // Already gone.
            }

            _client.Dispose();
        }).ConfigureAwait(false);
        _authentication.Dispose();
        _logger.LogDebug("Closed the SSH connection to {Host}", DisplayHost(Settings));
    }

    private void OpenChannel(SshNetChannel channel, SshChannelTarget target)
    {
        channel.Open();
        if (target.Subsystem is { } subsystem)
        {
            if (!channel.RequestSubsystem(subsystem))
            {
                throw new PsrpTransportException(SshTransportProvider.Name, TransportPhase.Connect,
                    $"{DisplayHost(Settings)} refused the SSH subsystem '{subsystem}'. The server's sshd_config needs a line such as " +
                    $"'Subsystem {subsystem} /usr/bin/pwsh -sshs -NoLogo' (then reload sshd); or run PowerShell as a command instead, " +
                    "with -Options @{RemoteCommand='pwsh -sshs -NoLogo'}.");
            }
        }
        else if (!channel.RequestExec(target.Command!))
        {
            throw new PsrpTransportException(SshTransportProvider.Name, TransportPhase.Connect,
                $"{DisplayHost(Settings)} refused to run the command '{target.Command}' (its sshd may forbid commands for this user).");
        }
    }

    private string Diagnose(SshChannelStream stream)
    {
        var remote = stream.Describe();
        var lost = _lostReason is null ? string.Empty : $"The SSH connection was lost: {_lostReason}. ";
        return lost + remote;
    }

    private void OnConnectionError(object? sender, ExceptionEventArgs e)
    {
        _lostReason ??= e.Exception.Message;
        _logger.LogWarning("The SSH connection to {Host} failed: {Reason}", DisplayHost(Settings), e.Exception.Message);
        foreach (var stream in _streams.Keys)
        {
            stream.Fail(new IOException($"the SSH connection to {DisplayHost(Settings)} was lost: {e.Exception.Message}", e.Exception));
        }
    }

    private async ValueTask ReleaseAsync(SshChannelStream stream)
    {
        _streams.TryRemove(stream, out _);
        bool closeNow;
        lock (_gate)
        {
            _openTransports--;
            closeNow = _openTransports == 0 && CloseWhenIdle && !_closed;
        }

        if (closeNow)
        {
            await DisposeAsync().ConfigureAwait(false);
        }
    }

    private static PsrpTransportException Translate(Exception ex, HostKeyVerifier verifier, SshAuthentication authentication, SshConnectionSettings settings, string where)
    {
        if (verifier.Rejection is { } rejection)
        {
            return rejection;
        }

        var host = DisplayHost(settings);
        return ex switch
        {
            Renci.SshNet.Common.SshAuthenticationException => new SshAuthenticationFailedException(settings.WireUserName, host, authentication.Descriptions,
                $"{host} refused authentication for user '{settings.WireUserName}' ({ex.Message.TrimEnd('.')}) after trying {string.Join(", ", authentication.Descriptions)}. " +
                "Check the user name, the key (-KeyFilePath, and that its public key is in the server's authorized_keys) and the password (-Credential).", ex),
            SocketException socket => new PsrpTransportException(SshTransportProvider.Name, TransportPhase.Connect,
                $"could not reach {host}: {socket.Message} (is sshd running there, and is the port right?).", ex),
            SshOperationTimeoutException => new PsrpTransportException(SshTransportProvider.Name, TransportPhase.Connect,
                $"{where} did not answer within {settings.ConnectTimeout.TotalSeconds:0} s ({ex.Message}); raise ConnectTimeout or check the network.", ex),
            _ => new PsrpTransportException(SshTransportProvider.Name, TransportPhase.Connect, $"the SSH connection to {where} failed: {ex.Message}", ex),
        };
    }

    private static string DisplayHost(SshConnectionSettings settings) =>
        $"{(settings.Host.Contains(':', StringComparison.Ordinal) ? $"[{settings.Host}]" : settings.Host)}:{settings.Port}";

    /// <summary>A transport's hold on the connection: disposed after the transport's stream, it closes the channel and releases the connection.</summary>
    private sealed class ChannelLease(SshConnection connection, SshChannelStream stream) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            await stream.DisposeAsync().ConfigureAwait(false);
            await connection.ReleaseAsync(stream).ConfigureAwait(false);
        }
    }
}
