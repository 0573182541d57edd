namespace Psrp.Providers.HyperV;

/// <summary>Why a PowerShell Direct connection failed (<see cref="PowerShellDirectException.Error"/>).</summary>
public enum PowerShellDirectError
{
    /// <summary>Hyper-V sockets do not exist on this operating system (they are Windows-only).</summary>
    NotSupported,

    /// <summary>No virtual machine has the given id or name.</summary>
    VirtualMachineNotFound,

    /// <summary>Several virtual machines have the given name.</summary>
    VirtualMachineAmbiguous,

    /// <summary>The virtual machine exists but is not running.</summary>
    VirtualMachineNotRunning,

    /// <summary>The host's Hyper-V management service could not be asked (not installed, access denied).</summary>
    VirtualMachineLookupFailed,

    /// <summary>The socket to the guest service could not be connected.</summary>
    ConnectFailed,

    /// <summary>The guest rejected the user name or password.</summary>
    CredentialRejected,

    /// <summary>The broker accepted the credential but sent no usable session token.</summary>
    MissingToken,

    /// <summary>The PowerShell session in the guest rejected the broker's token.</summary>
    TokenRejected,

    /// <summary>The guest runs an old broker and the downgrade to the legacy handshake is forbidden.</summary>
    DowngradeForbidden,

    /// <summary>A guest service answered something the protocol does not allow at that point.</summary>
    InvalidResponse,

    /// <summary>A guest service closed the connection in the middle of the handshake.</summary>
    ConnectionClosed,

    /// <summary>The connection or handshake took longer than allowed.</summary>
    TimedOut,
}
