using Psrp.Client;
using Psrp.Providers.Ssh;
using Psrp.Ssh.Tests.Fixtures;

namespace Psrp.Ssh.Tests;

[Collection(SshdCollection.Name)]
public class QuickTests(SshdFixture sshd)
{
    [Fact]
    public async Task KeyAuth_RunsAPipeline()
    {
        var parameters = sshd.Parameters() with { KeyFilePath = sshd.Ed25519Key };
        var transport = await new SshTransportProvider().ConnectAsync(SshdFixture.Request(parameters), default);
        await using var pool = await RunspacePool.OpenAsync(transport);
        var result = await pool.InvokeScriptAsync("1 + 2");
        Assert.Equal(3, result.Single()!.BaseValue);
    }
}
