using System.Text;
using Psrp.Diagnostics;
using Psrp.Transport;

namespace Psrp.Hosting.Tests;

/// <summary>Wire tuning given to the session factory reaches the built-in provider's transport; bad values fail before anything else.</summary>
public class TransportOptionsTests
{
    [Fact]
    public async Task Bad_tuning_fails_before_provider_selection()
    {
        var factory = new PsrpSessionFactory(Catalogs.Over());

        // No provider serves nosuch:, yet the option error comes first: nothing was looked up or started.
        var error = await Assert.ThrowsAsync<PsrpOptionException>(() =>
            factory.ConnectAsync(new SessionParameters { Target = "nosuch://h" }, new TransportOptions { ReceiveQueueCapacity = 0 }));
        Assert.Equal(nameof(TransportOptions.ReceiveQueueCapacity), error.ParamName);
    }

    [Fact]
    public async Task The_process_provider_applies_the_tuning_and_the_recorder()
    {
        var factory = new PsrpSessionFactory(Catalogs.Over());
        var file = new MemoryStream();
        using (var trace = new WireTraceWriter(file))
        {
            var tuning = new TransportOptions { MaxFragmentSize = 100, WireRecorder = trace };
            await using var pool = await factory.OpenAsync(new SessionParameters { Target = "process://" + LocalServer.DllPath }, null, tuning, Catalogs.SessionTimeout());
            Assert.Equal(2, Assert.Single(await pool.InvokeScriptAsync("1+1"))!.BaseValue);
            Assert.Equal(100, pool.Transport.Capabilities.MaxFragmentSize);
            await pool.CloseAsync();
        }

        var units = WireTraceDecoder.DecodeTrace(new StringReader(Encoding.UTF8.GetString(file.ToArray())), new WireTraceDecoder()).ToList();
        Assert.Contains(units, u => u.Record!.Transport == "process" && u.Messages.Any(m => m.Type == Psrp.Messages.MessageType.PipelineOutput));
        Assert.All(units.Where(u => u.Record!.Direction == WireDirection.Sent).SelectMany(u => u.Fragments), f => Assert.True(f.BlobLength <= 100 - 21));
    }
}
