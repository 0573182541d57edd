using Psrp.OutOfProc;
using Psrp.Providers.HyperV.Handshake;
using Psrp.Transport;

namespace Psrp.Providers.HyperV;

/// <summary>The out-of-proc transport over a PowerShell Direct session socket, with what was negotiated.</summary>
public sealed class HyperVTransport : DelegatingPsrpTransport
{
    internal HyperVTransport(OutOfProcTransport inner, Guid vmId, string? vmName, BrokerProtocol protocol)
        : base(inner)
    {
        VmId = vmId;
        VmName = vmName;
        Protocol = protocol;
    }

    /// <summary>The VM's id.</summary>
    public Guid VmId { get; }

    /// <summary>The VM's name, when it was looked up.</summary>
    public string? VmName { get; }

    /// <summary><see cref="BrokerProtocol.Version2"/> (token-checked session) or <see cref="BrokerProtocol.Legacy"/> (an old guest).</summary>
    public BrokerProtocol Protocol { get; }
}
