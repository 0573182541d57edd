namespace Psrp.Providers.HyperV.VirtualMachines;

/// <summary>
/// Turns <c>-VMId</c> or <c>-VMName</c> into the one running VM to connect to, with PowerShell's
/// rules: the VM must exist, a name must be unique, and the VM must be running.
/// </summary>
internal static class VirtualMachineResolver
{
    public static async Task<VirtualMachineInfo> ResolveAsync(IVirtualMachineCatalog catalog, Guid? id, string? name, CancellationToken cancellationToken)
    {
        VirtualMachineInfo vm;
        if (id is { } vmId)
        {
            vm = await catalog.FindByIdAsync(vmId, cancellationToken).ConfigureAwait(false)
                ?? throw new PowerShellDirectException(PowerShellDirectError.VirtualMachineNotFound, $"no virtual machine with id {vmId} exists on this host (Get-VM -Id {vmId}).");
        }
        else
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            var found = await catalog.FindByNameAsync(name, cancellationToken).ConfigureAwait(false);
            vm = found.Count switch
            {
                0 => throw new PowerShellDirectException(PowerShellDirectError.VirtualMachineNotFound, $"no virtual machine named '{name}' exists on this host (Get-VM -Name '{name}')."),
                1 => found[0],
                _ => throw new PowerShellDirectException(
                    PowerShellDirectError.VirtualMachineAmbiguous,
                    $"{found.Count} virtual machines are named '{name}' ({string.Join(", ", found.Select(v => v.Id))}); connect with -VMId or vm://<id> instead."),
            };
        }

        if (!vm.IsRunning)
        {
            throw new PowerShellDirectException(
                PowerShellDirectError.VirtualMachineNotRunning,
                $"the virtual machine '{vm.Name}' ({vm.Id}) is not running ({vm.StateName}); start it first (Start-VM).");
        }

        return vm;
    }
}
