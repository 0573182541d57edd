namespace Psrp.LocalServer.Tests;

/// <summary>
/// Guards the one internal PowerShell API the server depends on. If one of these fails after an
/// engine upgrade, read hosts/Psrp.LocalServer/PowerShellServerEntryPoint.cs before anything else.
/// </summary>
public sealed class PowerShellServerEntryPointTests
{
    [Fact]
    public void The_stdio_server_loop_resolves_with_the_expected_signature()
    {
        PowerShellServerEntryPoint.RunDelegate run = PowerShellServerEntryPoint.Resolve();

        Assert.True(run.Method.IsStatic);
        Assert.Equal(PowerShellServerEntryPoint.TypeName, run.Method.DeclaringType?.FullName);
        Assert.Equal(
            ["initialCommand", "workingDirectory", "configurationName", "configurationFile", "combineErrOutStream"],
            run.Method.GetParameters().Select(p => p.Name));
    }

    [Fact]
    public void The_engine_is_the_version_the_entry_point_was_checked_against()
    {
        // A newer engine may well keep the signature; bump PinnedEngineVersion once the
        // end-to-end tests have passed against it.
        string loaded = PowerShellServerEntryPoint.LoadedEngineVersion();

        // The informational version reads like "7.6.9 SHA: 3a0b9fb…+3a0b9fb…".
        string number = loaded.Split(' ', '+')[0];

        Assert.True(
            number == PowerShellServerEntryPoint.PinnedEngineVersion,
            $"System.Management.Automation {loaded} is loaded; PowerShellServerEntryPoint was written against {PowerShellServerEntryPoint.PinnedEngineVersion}.");
    }
}
