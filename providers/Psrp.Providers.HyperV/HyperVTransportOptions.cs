using Psrp.Fragments;
using Psrp.Providers.HyperV.Sockets;
using Psrp.Providers.HyperV.VirtualMachines;
using Psrp.Transport;

namespace Psrp.Providers.HyperV;

/// <summary>How to reach PowerShell in a Hyper-V guest (Enter-PSSession -VMId / -VMName -Credential [-ConfigurationName]).</summary>
public sealed record HyperVTransportOptions
{
    /// <summary><c>-VMId</c>: the VM's id. Give this or <see cref="VmName"/>.</summary>
    public Guid? VmId { get; init; }

    /// <summary><c>-VMName</c>: the VM's display name, resolved to its id through <see cref="VirtualMachines"/>.</summary>
    public string? VmName { get; init; }

    /// <summary><c>-Credential</c>: a user of the guest (<c>DOMAIN\user</c>, <c>user@domain</c> or <c>user</c>, whose domain is then <c>localhost</c>). Mandatory.</summary>
    public PsrpCredential? Credential { get; init; }

    /// <summary><c>-ConfigurationName</c>: the guest's session configuration; null for the default.</summary>
    public string? ConfigurationName { get; init; }

    /// <summary>Whether an old guest broker may be served with the legacy, token-less handshake.</summary>
    public LegacyBrokerPolicy LegacyBroker { get; init; } = LegacyBrokerPolicy.FollowRegistry;

    /// <summary>How long each connection (socket connect plus handshake), and the VM lookup, may take.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How sockets to guest services are opened; null for real Hyper-V sockets (<see cref="HyperVSocket.ConnectAsync"/>).</summary>
    public HyperVSocketConnector? Connector { get; init; }

    /// <summary>Where VMs are looked up; null for the host's Hyper-V WMI provider (<see cref="HyperVWmiCatalog"/>).</summary>
    public IVirtualMachineCatalog? VirtualMachines { get; init; }

    /// <summary>Fragment size, header included (PowerShell: 32 KiB on every out-of-proc transport).</summary>
    public int MaxFragmentSize { get; init; } = Fragmenter.DefaultMaxFragmentSize;

    /// <summary>Wire tuning and recorder from the connect request (its values win over <see cref="MaxFragmentSize"/>).</summary>
    public Psrp.Transport.TransportOptions? Transport { get; init; }

    /// <summary>How long to wait for the server's acknowledgements (Command, Signal, Close).</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Never shows the password.</summary>
    public override string ToString() =>
        $"HyperVTransportOptions {{ VM = {(VmId?.ToString() ?? VmName)}, User = {Credential?.UserName}, ConfigurationName = {ConfigurationName}, LegacyBroker = {LegacyBroker} }}";
}
