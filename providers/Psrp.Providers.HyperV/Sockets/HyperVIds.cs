namespace Psrp.Providers.HyperV.Sockets;

/// <summary>
/// The well-known GUIDs of PowerShell Direct (psrp-facts §8.1): the two guest services a client
/// connects to, and the VM ids a guest-side server listens on.
/// </summary>
public static class HyperVIds
{
    /// <summary>
    /// The guest's credential broker (service "vmicvmsession", HV_GUID_VM_SESSION_SERVICE_ID): the
    /// first connection, where the credential and configuration name are exchanged.
    /// </summary>
    public static readonly Guid BrokerService = new("999e53d4-3d5c-4c3e-8779-bed06ec056e1");

    /// <summary>
    /// The PowerShell server the broker starts in the guest (HV_GUID_VM_SESSION_SERVICE_ID_2): the
    /// second connection, which carries the session.
    /// </summary>
    public static readonly Guid SessionService = new("a5201c21-2770-4c11-a68e-f182edb29220");

    /// <summary>HV_GUID_PARENT: the host, as seen from a guest (where the legacy server listens).</summary>
    public static readonly Guid Parent = new("a42e7cda-d03f-480c-9cc2-a4de20abb878");

    /// <summary>HV_GUID_LOOPBACK: the same partition.</summary>
    public static readonly Guid Loopback = new("e0e16197-dd56-4a10-9195-5ee7a155a838");

    /// <summary>The service's name for messages and logs.</summary>
    public static string Describe(Guid serviceId) =>
        serviceId == BrokerService ? $"the credential broker service ({serviceId})"
        : serviceId == SessionService ? $"the PowerShell session service ({serviceId})"
        : $"service {serviceId}";
}
