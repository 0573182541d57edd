using Psrp.Providers.HyperV.VirtualMachines;

namespace Psrp.HyperV.Tests.Fixture;

/// <summary>A host's VM list for tests (the real one asks Hyper-V's WMI provider); records every lookup.</summary>
internal sealed class FakeVirtualMachines(params VirtualMachineInfo[] machines) : IVirtualMachineCatalog
{
    public List<string> Lookups { get; } = [];

    public Task<IReadOnlyList<VirtualMachineInfo>> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        Lookups.Add("name:" + name);
        return Task.FromResult<IReadOnlyList<VirtualMachineInfo>>([.. machines.Where(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))]);
    }

    public Task<VirtualMachineInfo?> FindByIdAsync(Guid id, CancellationToken cancellationToken)
    {
        Lookups.Add("id:" + id);
        return Task.FromResult(machines.FirstOrDefault(m => m.Id == id));
    }
}
