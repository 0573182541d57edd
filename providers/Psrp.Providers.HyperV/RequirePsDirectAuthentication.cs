using System.Security;
using Microsoft.Win32;

namespace Psrp.Providers.HyperV;

/// <summary>
/// Reads the host policy that forbids the legacy PowerShell Direct handshake: the DWORD
/// <c>RequirePsDirectAuthentication</c> under <c>HKLM\SOFTWARE\Microsoft\PowerShell</c> (64-bit view),
/// the value PowerShell itself checks.
/// </summary>
internal static class RequirePsDirectAuthentication
{
    private const string KeyPath = @"SOFTWARE\Microsoft\PowerShell";
    private const string ValueName = "RequirePsDirectAuthentication";

    /// <summary>True when the value is set and not zero. Off Windows, or when it cannot be read, false (as PowerShell decides).</summary>
    public static bool IsSet()
    {
        if (!OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            var view = Environment.Is64BitOperatingSystem ? RegistryView.Registry64 : RegistryView.Default;
            using var machine = RegistryKey.OpenBaseKey(RegistryHive.LocalMachine, view);
            using var key = machine.OpenSubKey(KeyPath);
            return key?.GetValue(ValueName) is int value && value != 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SecurityException)
        {
            return false;
        }
    }

    /// <summary>Where the value lives, for messages.</summary>
    public static string Location => $@"HKLM\{KeyPath}\{ValueName}";
}
