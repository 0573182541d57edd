using System.Text;
using Psrp.Client;
using Psrp.Diagnostics;
using Psrp.Providers.OpenSsh;
using Psrp.Providers.Ssh;
using Psrp.Ssh.Tests.Fixtures;
using Psrp.Transport;

namespace Psrp.Ssh.Tests;

/// <summary>Both SSH providers apply the connect request's wire tuning and feed its recorder, against the real sshd.</summary>
[Collection(SshdCollection.Name)]
public class TuningTests(SshdFixture sshd)
{
    private SessionParameters OpenSshParameters() => new()
    {
        HostName = $"{SshdFixture.KeyUser}@127.0.0.1:{sshd.Server.Port}",
        KeyFilePath = sshd.Ed25519Key,
        Options = new Dictionary<string, string>
        {
            ["UserKnownHostsFile"] = sshd.KnownHosts,
            ["GlobalKnownHostsFile"] = "/dev/null",
            ["StrictHostKeyChecking"] = "yes",
            ["BatchMode"] = "yes",
            ["IdentitiesOnly"] = "yes",
        },
    };

    public static TheoryData<string> Providers => new() { "ssh", "openssh" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Tuning_and_the_trace_reach_the_transport(string provider)
    {
        var file = new MemoryStream();
        using (var trace = new WireTraceWriter(file))
        {
            var tuning = new TransportOptions { MaxFragmentSize = 512, MaxFragmentsPerPacket = 1, ReceiveBufferSize = 4096, WireRecorder = trace };
            var parameters = provider == "ssh" ? sshd.Parameters() with { KeyFilePath = sshd.Ed25519Key } : OpenSshParameters();
            var request = SshdFixture.Request(parameters) with { Options = tuning };
            IPsrpTransport transport = provider == "ssh"
                ? await new SshTransportProvider().ConnectAsync(request, default)
                : await new OpenSshTransportProvider().ConnectAsync(request, default);
            Assert.Equal(512, transport.Capabilities.MaxFragmentSize);
            await using var pool = await RunspacePool.OpenAsync(transport);
            Assert.Equal(5000, (await pool.InvokeScriptAsync("('w' * 5000).Length")).Single()!.BaseValue);
            await pool.CloseAsync();
        }

        var units = WireTraceDecoder.DecodeTrace(new StringReader(Encoding.UTF8.GetString(file.ToArray())), new WireTraceDecoder()).ToList();
        Assert.All(units, u => Assert.Equal(provider, u.Record!.Transport));
        var sent = units.Where(u => u.Record!.Direction == WireDirection.Sent && u.PayloadBytes > 0).ToList();
        Assert.True(sent.Count >= 4, $"a 2 KB CREATE_PIPELINE in 512-byte fragments takes several packets, saw {sent.Count}");
        Assert.All(sent, u => Assert.True(Assert.Single(u.Fragments).BlobLength <= 512 - 21));
        Assert.Contains(units.SelectMany(u => u.Messages), m => m.Type == Psrp.Messages.MessageType.PipelineOutput);
    }
}
