using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Psrp.OutOfProc;
using Psrp.Providers.HyperV.Handshake;
using Psrp.Providers.HyperV.Sockets;
using Psrp.Providers.HyperV.VirtualMachines;
using Psrp.Transport;

namespace Psrp.Providers.HyperV;

/// <summary>
/// PowerShell Direct (Enter-PSSession -VMId / -VMName): from a Hyper-V host into a guest, with no
/// network. Looks the VM up (it must exist and run), signs in to the guest's credential broker over
/// a Hyper-V socket (the VERSION_2 handshake with its session token, or the legacy one when the
/// guest is old and policy allows), then opens a second socket to the PowerShell session the broker
/// started, presents the token, and runs the out-of-proc framing on it. Target:
/// <c>vm://&lt;id-or-name&gt;</c>; <c>-Credential</c> is mandatory. Settings: <see cref="HyperVSettings"/>.
/// </summary>
[ExportTransportProvider(Name, Schemes = ["vm"], OperatingSystems = ["windows"], Description = "PowerShell Direct: a Hyper-V guest over Hyper-V sockets (-VMId, -VMName; Windows hosts)")]
public sealed class HyperVTransportProvider : ITransportProvider
{
    /// <summary>The provider name, used in errors.</summary>
    public const string Name = "hyperv";

    /// <inheritdoc />
    async ValueTask<IPsrpTransport> ITransportProvider.ConnectAsync(TransportConnectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await ConnectAsync(HyperVSettings.ToOptions(request) with { Transport = request.Options }, request.LoggerFactory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Connects. Missing parameters are <see cref="SessionParameterException"/>s; everything else
    /// that fails is a <see cref="PowerShellDirectException"/> (Connect phase) saying why.
    /// </summary>
    public async ValueTask<HyperVTransport> ConnectAsync(HyperVTransportOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var credential = options.Credential
            ?? throw new SessionParameterException("-Credential is mandatory for PowerShell Direct (-VMId, -VMName, vm://): it names the user the guest signs in.");
        if (string.IsNullOrEmpty(credential.User))
        {
            throw new SessionParameterException($"The credential's user name '{credential.UserName}' has no user part.");
        }

        if (options.VmId is null && string.IsNullOrWhiteSpace(options.VmName))
        {
            throw new SessionParameterException("No virtual machine given: use -VMId <guid>, -VMName <name> or the target vm://<id-or-name>.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.HandshakeTimeout, TimeSpan.Zero);
        options.Transport?.Validate();
        var connector = options.Connector;
        if (connector is null)
        {
            // Before any lookup or socket: off Windows nothing here can work.
            HyperVSocket.ThrowIfNotSupported();
            connector = HyperVSocket.ConnectAsync;
        }

        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<HyperVTransportProvider>();
        var vm = await WithTimeoutAsync(
            options.HandshakeTimeout,
            "looking up the virtual machine",
            ct => VirtualMachineResolver.ResolveAsync(options.VirtualMachines ?? HyperVWmiCatalog.Instance, options.VmId, options.VmName, ct),
            cancellationToken).ConfigureAwait(false);
        logger.Resolved(vm.Name, vm.Id);

        var (protocol, token) = await SignInAsync(connector, vm.Id, credential, options, logger, cancellationToken).ConfigureAwait(false);
        var session = await WithTimeoutAsync(
            options.HandshakeTimeout,
            "connecting to the PowerShell session",
            ct => OpenSessionAsync(connector, vm.Id, protocol, token, ct),
            cancellationToken).ConfigureAwait(false);
        logger.SessionConnected(vm.Id, protocol.ToString());

        var inner = new OutOfProcTransport(
            session,
            session,
            new OutOfProcTransportOptions { Name = Name, MaxFragmentSize = options.MaxFragmentSize, AckTimeout = options.AckTimeout }.With(options.Transport));
        return new HyperVTransport(inner, vm.Id, vm.Name, protocol);
    }

    /// <summary>The first connection(s): the broker, V2 first, legacy after an old broker if allowed.</summary>
    private static async Task<(BrokerProtocol Protocol, string? Token)> SignInAsync(
        HyperVSocketConnector connector, Guid vmId, PsrpCredential credential, HyperVTransportOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        logger.BrokerHandshake(vmId, credential.UserName, "VERSION_2");
        var outcome = await RunBrokerAsync(connector, vmId, BrokerProtocol.Version2, credential, options, cancellationToken).ConfigureAwait(false);
        if (outcome is BrokerOutcome.LegacyBroker)
        {
            var forbidden = options.LegacyBroker switch
            {
                LegacyBrokerPolicy.Forbid => "the connection options forbid it",
                LegacyBrokerPolicy.FollowRegistry when RequirePsDirectAuthentication.IsSet() => $"{RequirePsDirectAuthentication.Location} requires authenticated PowerShell Direct sessions",
                _ => null,
            };
            if (forbidden is not null)
            {
                throw new PowerShellDirectException(
                    PowerShellDirectError.DowngradeForbidden,
                    $"virtual machine {vmId} runs a PowerShell Direct broker older than VERSION_2, and falling back to the legacy handshake (no session token) is not allowed: {forbidden}. Update the guest (PowerShell 7.4.12+, 7.5.3+, 7.6, or a current Windows).");
            }

            logger.Downgrading(vmId);
            logger.BrokerHandshake(vmId, credential.UserName, "legacy");
            outcome = await RunBrokerAsync(connector, vmId, BrokerProtocol.Legacy, credential, options, cancellationToken).ConfigureAwait(false);
        }

        return outcome switch
        {
            BrokerOutcome.Accepted accepted => (accepted.Token is null ? BrokerProtocol.Legacy : BrokerProtocol.Version2, accepted.Token),
            BrokerOutcome.CredentialRejected => throw new PowerShellDirectException(
                PowerShellDirectError.CredentialRejected,
                $"virtual machine {vmId} rejected the user name or password for '{credential.UserName}'. Check the credential of a user of the guest (a local user: .\\user or user; a domain user: DOMAIN\\user)."),
            _ => throw new PowerShellDirectException(PowerShellDirectError.InvalidResponse, $"virtual machine {vmId}'s broker still looked older than VERSION_2 during the legacy handshake."),
        };
    }

    private static Task<BrokerOutcome> RunBrokerAsync(
        HyperVSocketConnector connector, Guid vmId, BrokerProtocol protocol, PsrpCredential credential, HyperVTransportOptions options, CancellationToken cancellationToken) =>
        WithTimeoutAsync(options.HandshakeTimeout, "signing in to the virtual machine's credential broker", async ct =>
        {
            var handshake = new BrokerHandshake(protocol, credential.Domain, credential.User, credential.Password, options.ConfigurationName);
            var stream = await connector(vmId, HyperVIds.BrokerService, ct).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                // Closing this connection tells the broker the exchange is over.
                return await HandshakeDriver.RunAsync(stream, handshake, "the virtual machine's credential broker", ct).ConfigureAwait(false);
            }
        }, cancellationToken);

    private static async Task<Stream> OpenSessionAsync(HyperVSocketConnector connector, Guid vmId, BrokerProtocol protocol, string? token, CancellationToken cancellationToken)
    {
        var stream = await connector(vmId, HyperVIds.SessionService, cancellationToken).ConfigureAwait(false);
        try
        {
            if (protocol == BrokerProtocol.Version2)
            {
                await HandshakeDriver.RunAsync(stream, new SessionHandshake(token), "the PowerShell session in the virtual machine", cancellationToken).ConfigureAwait(false);
            }

            return stream;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<T> WithTimeoutAsync<T>(TimeSpan timeout, string what, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return await operation(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PowerShellDirectException(PowerShellDirectError.TimedOut, $"{what} took longer than {timeout.TotalSeconds:0.#} s.", ex);
        }
    }
}
