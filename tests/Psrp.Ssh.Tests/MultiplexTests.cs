using System.Diagnostics;
using Psrp.Client;
using Psrp.Providers.Ssh;
using Psrp.Ssh.Tests.Fixtures;
using Psrp.Transport;

namespace Psrp.Ssh.Tests;

/// <summary>Several runspace pools over one SSH connection, one channel each.</summary>
[Collection(SshdCollection.Name)]
public class MultiplexTests(SshdFixture sshd)
{
    [Fact]
    public async Task ThreePools_OneConnection_EachItsOwnServer_ThenTheConnectionCloses()
    {
        var parameters = sshd.Parameters() with { KeyFilePath = sshd.Ed25519Key };
        var connection = await new SshTransportProvider().OpenConnectionAsync(SshdFixture.Request(parameters));
        await using var _ = connection;

        var transports = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => connection.OpenTransportAsync()));
        Assert.Equal(3, connection.OpenTransportCount);
        Assert.All(transports, t => Assert.Same(connection, t.Connection));

        var pools = await Task.WhenAll(transports.Select(t => RunspacePool.OpenAsync(t)));
        var pids = await Task.WhenAll(pools.Select(async p => (await p.InvokeScriptAsync("$PID")).Single()!.BaseValue));
        Assert.Equal(3, pids.Distinct().Count());

        // Pipelines on different pools run at the same time over the one connection.
        var results = await Task.WhenAll(pools.Select((p, i) => p.InvokeScriptAsync($"1..200 | ForEach-Object {{ $_ * {i + 1} }}")));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Enumerable.Range(1, 200).Select(n => n * (i + 1)), results[i].Select(o => (int)o!.BaseValue!));
        }

        await pools[0].CloseAsync();
        Assert.Equal(2, connection.OpenTransportCount);
        Assert.True(connection.IsConnected);
        Assert.Equal(2, (await pools[1].InvokeScriptAsync("2")).Single()!.BaseValue);

        await Task.WhenAll(pools.Skip(1).Select(p => p.CloseAsync()));
        Assert.Equal(0, connection.OpenTransportCount);
        Assert.False(connection.IsConnected, "the connection should close with its last transport (CloseWhenIdle)");
    }

    [Fact]
    public async Task KeptOpenConnection_CarriesLaterPools_AndDisposingItFailsOpenPoolsPromptly()
    {
        var parameters = sshd.Parameters() with { KeyFilePath = sshd.Ed25519Key };
        var connection = await new SshTransportProvider().OpenConnectionAsync(SshdFixture.Request(parameters));
        connection.CloseWhenIdle = false;

        await (await RunspacePool.OpenAsync(await connection.OpenTransportAsync())).CloseAsync();
        Assert.True(connection.IsConnected);

        await using var pool = await RunspacePool.OpenAsync(await connection.OpenTransportAsync());
        var pipeline = pool.CreatePipeline().AddScript("'go'; while ($true) { Start-Sleep -Milliseconds 50 }");
        await using var items = pipeline.InvokeAsync().GetAsyncEnumerator();
        Assert.True(await items.MoveNextAsync());

        var clock = Stopwatch.StartNew();
        await connection.DisposeAsync();
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(async () => await items.MoveNextAsync());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Contains("closed by its owner", ex.Message, StringComparison.Ordinal);
        var again = await Assert.ThrowsAsync<PsrpTransportException>(() => connection.OpenTransportAsync());
        Assert.Contains("closed", again.Message, StringComparison.Ordinal);
    }
}
