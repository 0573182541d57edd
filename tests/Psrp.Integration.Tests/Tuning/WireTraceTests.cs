using System.Text;
using Psrp.Client;
using Psrp.Diagnostics;
using Psrp.Messages;
using Psrp.Providers.Process;
using Psrp.Runspaces;
using Psrp.Serialization;
using Psrp.Transport;

namespace Psrp.Integration.Tests.Tuning;

/// <summary>A wire trace of real sessions with PowerShell's own server: it decodes to what went over the wire, and holds no secret.</summary>
public class WireTraceTests
{
    internal static async Task<(RunspacePool Pool, SentMessageWitness Witness)> OpenAsync(TransportOptions tuning, RunspacePoolOptions? options = null)
    {
        var transport = await new ProcessTransportProvider().ConnectAsync(LocalServer.TransportOptions with { Transport = tuning });
        var witness = new SentMessageWitness(transport);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var pool = await RunspacePool.OpenAsync(witness, options, timeout.Token);
        return (pool, witness);
    }

    internal static List<DecodedUnit> Decode(byte[] trace)
    {
        var decoder = new WireTraceDecoder();
        var units = WireTraceDecoder.DecodeTrace(new StringReader(Encoding.UTF8.GetString(trace)), decoder).ToList();
        Assert.All(units, u => Assert.Null(u.Error));
        return units;
    }

    [Fact]
    public async Task A_recorded_session_decodes_to_the_messages_it_sent_and_received()
    {
        var file = new MemoryStream();
        List<PsObject?> output;
        SentMessageWitness witness;
        using (var trace = new WireTraceWriter(file))
        {
            (var pool, witness) = await OpenAsync(new TransportOptions { WireRecorder = trace });
            await using (pool)
            {
                // Output larger than a fragment: reassembly across packets.
                output = [.. await pool.InvokeScriptAsync("1..3 | % { [pscustomobject]@{n=$_; s='x' * 40000} }")];
                var echoed = new List<PsObject?>();
                await foreach (var item in pool.CreatePipeline().AddScript("$input | % { $_ * 2 }").InvokeAsync(Inputs()))
                {
                    echoed.Add(item);
                }

                Assert.Equal([2, 4, 6], echoed.Select(e => (int)e!.BaseValue!));
                await pool.CloseAsync();
            }
        }

        var units = Decode(file.ToArray());
        Assert.Equal(3, output.Count);

        // Every message the session handed to the transport is in the trace, per channel in order, byte for byte.
        var sent = units.Where(u => u.Record!.Direction == WireDirection.Sent).SelectMany(u => u.Messages).ToList();
        Assert.Equal(witness.Messages.Count, sent.Count);
        foreach (var channel in witness.Messages.Select(m => m.PipelineId).Distinct())
        {
            var expected = witness.Messages.Where(m => m.PipelineId == channel).ToList();
            var actual = sent.Where(m => m.PipelineId == channel).ToList();
            Assert.Equal(expected.Select(m => m.Type), actual.Select(m => m.Type));
            Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Data, pair.Second.Data.ToArray()));
        }

        Assert.Contains(sent, m => m.Type == MessageType.SessionCapability);
        Assert.Contains(sent, m => m.Type == MessageType.InitRunspacePool);
        Assert.Equal(2, sent.Count(m => m.Type == MessageType.CreatePipeline));
        Assert.Equal(3, sent.Count(m => m.Type == MessageType.PipelineInput));
        Assert.Contains(sent, m => m.Type == MessageType.EndOfPipelineInput);

        // And what came back: the three large objects, each reassembled from several packets.
        var received = units.Where(u => u.Record!.Direction == WireDirection.Received).SelectMany(u => u.Messages).ToList();
        var big = received.Where(m => m.Type == MessageType.PipelineOutput && m.Length > 40000).ToList();
        Assert.Equal(3, big.Count);
        Assert.All(big, m => Assert.Contains(new string('x', 40000), m.DataText, StringComparison.Ordinal));
        Assert.Contains(received, m => m.Type == MessageType.RunspacePoolState);
        Assert.Equal(2, received.Count(m => m.Type == MessageType.PipelineState));
        Assert.Contains(units, u => u.Summary.StartsWith("CloseAck", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2.4")]
    [InlineData("2.2")]
    public async Task Secrets_never_reach_the_trace(string protocol)
    {
        var file = new MemoryStream();
        using (var trace = new WireTraceWriter(file))
        {
            var options = new RunspacePoolOptions
            {
                Host = new TestSecretHost(),
                Settings = new RunspacePoolSettings { ProtocolVersion = Version.Parse(protocol) },
            };
            var (pool, _) = await OpenAsync(new TransportOptions { WireRecorder = trace }, options);
            await using (pool)
            {
                // The secret crosses the wire as SecureStrings both ways: host answers, and a value the server returns.
                // The server proves it got the secret by its hash, so no clear text travels in output.
                var typed = await pool.InvokeScriptAsync(Hashed("[System.Net.NetworkCredential]::new('', $host.UI.ReadLineAsSecureString()).Password"));
                Assert.Equal(SecretHash, typed.Single()!.BaseValue);
                var credential = await pool.InvokeScriptAsync("$c = $host.UI.PromptForCredential('c', 'm', 'alice', ''); " + Hashed("$c.GetNetworkCredential().Password"));
                Assert.Equal(SecretHash, credential.Single()!.BaseValue);
                var returned = await pool.InvokeScriptAsync("$c.Password");
                Assert.Equal(TestSecretHost.Secret, await pool.UnprotectAsync(Assert.IsType<PsSecureString>(returned.Single()!.BaseValue)));
                await pool.CloseAsync();
            }
        }

        var bytes = file.ToArray();
        var text = Encoding.UTF8.GetString(bytes);
        foreach (var form in SecretForms(TestSecretHost.Secret))
        {
            Assert.DoesNotContain(form, text, StringComparison.Ordinal);
        }

        var messages = Decode(bytes).SelectMany(u => u.Messages).ToList();
        foreach (var message in messages)
        {
            // Nothing decoded from the trace holds the secret in any encoding either.
            var data = message.Data.ToArray();
            Assert.False(Contains(data, Encoding.UTF8.GetBytes(TestSecretHost.Secret)), $"{message.TypeName} holds the secret");
            Assert.False(Contains(data, Encoding.Unicode.GetBytes(TestSecretHost.Secret)), $"{message.TypeName} holds the secret as UTF-16");
        }

        var secureStrings = messages.SelectMany(m => SecureStringTexts(m.DataText)).ToList();
        Assert.True(secureStrings.Count >= 3, $"expected the SecureStrings in the trace, found {secureStrings.Count}");
        Assert.All(secureStrings, s => Assert.Matches("^\\*+$", s));
        if (protocol == "2.2")
        {
            var keys = messages.Where(m => m.Type is MessageType.PublicKey or MessageType.EncryptedSessionKey).ToList();
            Assert.Equal(2, keys.Count);
            Assert.All(keys, k => Assert.Matches("<S N=\"\\w+\">\\*+</S>", k.DataText));
        }
    }

    private static string SecretHash => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(TestSecretHost.Secret)));

    private static string Hashed(string expression) =>
        $"[Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([System.Text.Encoding]::UTF8.GetBytes(({expression}))))";

    private static async IAsyncEnumerable<object?> Inputs()
    {
        foreach (var i in new[] { 1, 2, 3 })
        {
            await Task.Yield();
            yield return i;
        }
    }

    private static IEnumerable<string> SecretForms(string secret) =>
    [
        secret,
        Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)),
        Convert.ToBase64String(Encoding.Unicode.GetBytes(secret)),
        Convert.ToBase64String(Encoding.Unicode.GetBytes(secret))[..16],
    ];

    private static IEnumerable<string> SecureStringTexts(string xml) =>
        System.Text.RegularExpressions.Regex.Matches(xml, "<SS(?: [^>]*)?>([^<]*)</SS>").Select(m => m.Groups[1].Value);

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
