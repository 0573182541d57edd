namespace Psrp.Providers.HyperV.VirtualMachines;

/// <summary>
/// Finds virtual machines on this host, as PowerShell's <c>Get-VM -Id</c> / <c>Get-VM -Name</c>
/// do before PowerShell Direct connects. The real one is <see cref="HyperVWmiCatalog"/>.
/// Failures to ask (no Hyper-V, access denied, not Windows) are <see cref="PowerShellDirectException"/>s.
/// </summary>
public interface IVirtualMachineCatalog
{
    /// <summary>Every VM whose display name equals <paramref name="name"/> (case-insensitive, as Hyper-V compares).</summary>
    Task<IReadOnlyList<VirtualMachineInfo>> FindByNameAsync(string name, CancellationToken cancellationToken);

    /// <summary>The VM with id <paramref name="id"/>, or null.</summary>
    Task<VirtualMachineInfo?> FindByIdAsync(Guid id, CancellationToken cancellationToken);
}
