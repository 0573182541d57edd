using Psrp.Client;
using Psrp.Fragments;
using Psrp.Tests.Client.Support;
using Psrp.Transport;
using static Psrp.Tests.Fragments.FragmentTestHelpers;

namespace Psrp.Tests.Fragments;

/// <summary>
/// Issue #16 item 8: the bytes of unfinished objects a server can make one connection hold are
/// bounded for all channels together, not only per object.
/// </summary>
public class ReceiveBudgetTests
{
    [Fact]
    public void Assemblers_sharing_a_budget_are_refused_past_it_and_give_back_what_they_held()
    {
        var budget = new ReceiveBudget(3000);
        using var first = new FragmentAssembler(2000, budget);
        using var second = new FragmentAssembler(2000, budget);

        first.Feed(Fragment(1, 0, FragmentFlags.Start, 1500));
        Assert.Equal(1500, budget.Held);
        var error = Assert.Throws<PsrpProtocolException>(() => second.Feed(Fragment(1, 0, FragmentFlags.Start, 1600)));
        Assert.Equal(PsrpProtocolError.LimitExceeded, error.Code);
        Assert.Contains("3000", error.Message, StringComparison.Ordinal);
        Assert.Equal(1500, budget.Held);

        // Finishing the object gives its bytes back; the reader owns them from then on.
        first.Feed(Fragment(1, 1, FragmentFlags.End, 100));
        Assert.Equal(0, budget.Held);
        Assert.True(first.TryRead(out var done));
        done.Dispose();

        // A discarded assembler gives back what its unfinished object held.
        using (var third = new FragmentAssembler(2000, budget))
        {
            third.Feed(Fragment(7, 0, FragmentFlags.Start, 1000));
            Assert.Equal(1000, budget.Held);
        }

        Assert.Equal(0, budget.Held);
    }

    [Fact]
    public async Task A_server_leaving_objects_unfinished_on_many_pipelines_fails_the_pool_at_the_total()
    {
        var server = new ScriptedServerTransport();
        var options = new RunspacePoolOptions { MaxReceivedObjectSize = 64 << 10, MaxReceivedUnfinishedSize = 256 << 10 };
        await using var pool = await RunspacePool.OpenAsync(server, options);
        var runs = new List<Task>();
        var ids = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            var pipeline = pool.CreatePipeline().AddScript("x");
            runs.Add(Task.Run(async () =>
            {
                await foreach (var _ in pipeline.InvokeAsync())
                {
                }
            }));
            ids.Add(await server.NextPipelineAsync());
        }

        // 48 KiB of one unfinished object per pipeline: under the per-object limit each, 384 KiB in all.
        foreach (var id in ids)
        {
            await server.SendFragmentsAsync(id, Fragment(1, 0, FragmentFlags.Start, 48 << 10));
        }

        var error = await Assert.ThrowsAnyAsync<PsrpTransportException>(() => Task.WhenAll(runs).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("unfinished", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_budget_must_hold_one_object_at_the_limit()
    {
        var options = new RunspacePoolOptions { MaxReceivedObjectSize = 1 << 20, MaxReceivedUnfinishedSize = 1000 };
        Assert.Throws<PsrpOptionException>(options.Validate);
        Assert.Equal(2L << 20, new RunspacePoolOptions { MaxReceivedObjectSize = 1 << 20 }.ReceivedUnfinishedLimit);
    }
}
