using Psrp.Client;
using Psrp.Messages;
using Psrp.Runspaces;
using Psrp.Serialization;

namespace Psrp.Integration.Tests;

/// <summary>Opening, querying and closing a pool on PowerShell's own server.</summary>
public class RunspacePoolTests
{
    [Fact]
    public async Task Open_NegotiatesProtocol24_AndReceivesThePSVersionTable()
    {
        var (pool, _) = await LocalServer.OpenAsync();
        await using (pool)
        {
            Assert.Equal(RunspacePoolState.Opened, pool.State);
            Assert.Equal(new Version(2, 4), pool.ProtocolVersion);
            var table = PsPrimitiveDictionary.FromValue(pool.ApplicationPrivateData!["PSVersionTable"])!;
            Assert.Equal(new Version(7, 6, 9), table["PSVersion"] as Version ?? Version.Parse(table["PSVersion"]!.ToString()!));
            Assert.Equal("Core", table["PSEdition"]);
        }
    }

    [Fact]
    public async Task Open_AnnouncingProtocol23_GetsTheServersAnswer()
    {
        var options = new RunspacePoolOptions { Settings = new RunspacePoolSettings { ProtocolVersion = new Version(2, 3) } };
        var (pool, _) = await LocalServer.OpenAsync(options);
        await using (pool)
        {
            Assert.Equal(new Version(2, 3), pool.ProtocolVersion);
            Assert.Equal(3, (await pool.InvokeScriptAsync("1 + 2")).Single()!.BaseValue);
        }
    }

    [Fact]
    public async Task PoolRequests_AreAnswered()
    {
        var options = new RunspacePoolOptions { Settings = new RunspacePoolSettings { MinRunspaces = 1, MaxRunspaces = 2 } };
        var (pool, _) = await LocalServer.OpenAsync(options);
        await using (pool)
        {
            Assert.True(await pool.SetMaxRunspacesAsync(4));
            Assert.True(await pool.SetMinRunspacesAsync(2));
            Assert.InRange(await pool.GetAvailableRunspacesAsync(), 1, 4);

            await pool.InvokeScriptAsync("$global:marker = 42");
            Assert.Equal(42, (await pool.InvokeScriptAsync("$global:marker")).Single()!.BaseValue);
        }
    }

    [Fact]
    public async Task ResetRunspaceState_ClearsVariables()
    {
        var (pool, _) = await LocalServer.OpenAsync();
        await using (pool)
        {
            await pool.InvokeScriptAsync("$global:marker = 42");
            Assert.True(await pool.ResetRunspaceStateAsync());
            Assert.Null((await pool.InvokeScriptAsync("$global:marker")).SingleOrDefault());
        }
    }

    [Fact]
    public async Task Close_EndsTheServerProcess()
    {
        var (pool, transport) = await LocalServer.OpenAsync();
        await pool.CloseAsync();
        Assert.Equal(RunspacePoolState.Closed, pool.State);
        using var process = System.Diagnostics.Process.GetProcesses().FirstOrDefault(p => p.Id == transport.ProcessId);
        Assert.True(process is null || process.HasExited, "the server process is still running after close");
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pool.InvokeScriptAsync("1"));
    }
}
