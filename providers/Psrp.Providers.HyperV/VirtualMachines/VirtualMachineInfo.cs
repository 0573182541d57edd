namespace Psrp.Providers.HyperV.VirtualMachines;

/// <summary>A virtual machine as the host's Hyper-V service describes it (WMI <c>Msvm_ComputerSystem</c>).</summary>
/// <param name="Id">The VM id (<c>Msvm_ComputerSystem.Name</c>, <c>Get-VM</c>'s <c>VMId</c>).</param>
/// <param name="Name">The display name (<c>ElementName</c>, <c>Get-VM</c>'s <c>VMName</c>).</param>
/// <param name="EnabledState">CIM_EnabledLogicalElement.EnabledState: 2 is running.</param>
public sealed record VirtualMachineInfo(Guid Id, string Name, ushort EnabledState)
{
    /// <summary>EnabledState "Enabled": the VM runs (<c>Get-VM</c> State Running).</summary>
    public const ushort Running = 2;

    /// <summary>True when the VM runs.</summary>
    public bool IsRunning => EnabledState == Running;

    /// <summary>The state in words, for errors.</summary>
    public string StateName => EnabledState switch
    {
        2 => "Running",
        3 => "Off",
        6 => "Enabled but offline",
        9 or 32768 => "Paused",
        32769 => "Saved",
        32770 => "Starting",
        32771 => "Taking a checkpoint",
        32773 => "Saving",
        32774 => "Stopping",
        32776 => "Pausing",
        32777 => "Resuming",
        _ => $"state {EnabledState}",
    };
}
