using System.Globalization;
using System.Management;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Psrp.Providers.HyperV.VirtualMachines;

/// <summary>
/// The host's virtual machines through Hyper-V's WMI provider: namespace
/// <c>root\virtualization\v2</c>, class <c>Msvm_ComputerSystem</c>. The host itself is an instance
/// too, named after the computer; VMs are named by their GUID, which is how they are told apart
/// (the <c>Caption</c> text that also differs is localized). Windows with Hyper-V only; elsewhere
/// every call fails with <see cref="PowerShellDirectError.NotSupported"/> before any work.
/// </summary>
public sealed class HyperVWmiCatalog : IVirtualMachineCatalog
{
    private const string Namespace = @"\\.\root\virtualization\v2";

    /// <summary>The catalog of this host.</summary>
    public static HyperVWmiCatalog Instance { get; } = new();

    /// <inheritdoc />
    public async Task<IReadOnlyList<VirtualMachineInfo>> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Sockets.HyperVSocket.ThrowIfNotSupported();
        return await QueryAsync($"ElementName = '{Escape(name)}'", $"the virtual machine named '{name}'", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<VirtualMachineInfo?> FindByIdAsync(Guid id, CancellationToken cancellationToken)
    {
        Sockets.HyperVSocket.ThrowIfNotSupported();
        var found = await QueryAsync($"Name = '{id.ToString("D", CultureInfo.InvariantCulture).ToUpperInvariant()}'", $"the virtual machine {id}", cancellationToken).ConfigureAwait(false);
        return found.FirstOrDefault();
    }

    // WMI calls block; a VM lookup is a one-off per connection, so a pool thread is fine.
    private static Task<IReadOnlyList<VirtualMachineInfo>> QueryAsync(string condition, string what, CancellationToken cancellationToken) =>
        Task.Run(() => OperatingSystem.IsWindows() ? Query(condition, what) : throw new PlatformNotSupportedException(), cancellationToken);

    [SupportedOSPlatform("windows")]
    private static IReadOnlyList<VirtualMachineInfo> Query(string condition, string what)
    {
        var wql = $"SELECT Name, ElementName, EnabledState FROM Msvm_ComputerSystem WHERE {condition}";
        try
        {
            var scope = new ManagementScope(Namespace);
            scope.Connect();
            using var searcher = new ManagementObjectSearcher(scope, new ObjectQuery(wql));
            using var results = searcher.Get();
            var list = new List<VirtualMachineInfo>();
            foreach (var item in results)
            {
                using (item)
                {
                    // Only VMs have a GUID for a name; the host's row has the computer name.
                    if (Guid.TryParse(item["Name"] as string, out var id))
                    {
                        var state = item["EnabledState"] is ushort s ? s : (ushort)0;
                        list.Add(new VirtualMachineInfo(id, item["ElementName"] as string ?? string.Empty, state));
                    }
                }
            }

            return list;
        }
        catch (Exception ex) when (ex is ManagementException or COMException or UnauthorizedAccessException)
        {
            throw new PowerShellDirectException(
                PowerShellDirectError.VirtualMachineLookupFailed,
                $"could not look up {what} in Hyper-V (WMI {Namespace}): {ex.Message}. Hyper-V must be installed on this host and you must be a Hyper-V administrator (or run elevated).",
                ex);
        }
    }

    // WQL string literals escape backslash and quote with a backslash.
    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
}
