using Psrp.Client;
using Psrp.Serialization;

namespace Psrp.Core.Tests.Client;

public class PipelineOutputQueueTests
{
    private static readonly TimeSpan Long = TimeSpan.FromHours(1);

    private static PsObject Item(int value) => new() { BaseValue = value };

    private static async Task<List<object?>> TakeAsync(PipelineOutputQueue queue)
    {
        var batch = new List<PsObject?>();
        Assert.True(await queue.TakeAsync(batch, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        return batch.Select(item => item?.BaseValue).ToList();
    }

    [Fact]
    public async Task AddedObjects_StayHiddenUntilAFlush_ThenArriveInOrder()
    {
        var queue = new PipelineOutputQueue(16);
        Assert.True(await queue.AddAsync(Item(1), CancellationToken.None));
        Assert.False(await queue.AddAsync(Item(2), CancellationToken.None));
        Assert.False(await queue.AddAsync(null, CancellationToken.None));

        var batch = new List<PsObject?>();
        var take = queue.TakeAsync(batch, CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(take.IsCompleted);
        Assert.True(queue.HasHidden);

        queue.Flush();
        Assert.True(await take.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([1, 2, null], batch.Select(item => item?.BaseValue));
        Assert.False(queue.HasHidden);

        // The next object is the first hidden one again.
        Assert.True(await queue.AddAsync(Item(3), CancellationToken.None));
    }

    [Fact]
    public async Task FlushIfDue_WaitsForTheWindow()
    {
        var queue = new PipelineOutputQueue(16);
        await queue.AddAsync(Item(1), CancellationToken.None);
        Assert.False(queue.FlushIfDue(Long));
        Assert.True(queue.HasHidden);

        Assert.True(queue.FlushIfDue(TimeSpan.Zero));
        Assert.Equal([1], await TakeAsync(queue));
        Assert.True(queue.FlushIfDue(Long), "nothing hidden is never overdue");
    }

    [Fact]
    public async Task AFullBuffer_ShowsEverything_AndHoldsTheProducerUntilTheConsumerTakes()
    {
        var queue = new PipelineOutputQueue(2);
        await queue.AddAsync(Item(1), CancellationToken.None);
        await queue.AddAsync(Item(2), CancellationToken.None);
        var third = queue.AddAsync(Item(3), CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(third.IsCompleted);

        Assert.Equal([1, 2], await TakeAsync(queue));
        await third.WaitAsync(TimeSpan.FromSeconds(10));
        queue.Flush();
        Assert.Equal([3], await TakeAsync(queue));
    }

    [Fact]
    public async Task AProducerWaitingForRoom_GivesUpWhenCancelled()
    {
        var queue = new PipelineOutputQueue(1);
        await queue.AddAsync(Item(1), CancellationToken.None);
        using var unwanted = new CancellationTokenSource();
        var second = queue.AddAsync(Item(2), unwanted.Token).AsTask();
        unwanted.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Completion_ShowsWhatWasHidden_ThenEnds()
    {
        var queue = new PipelineOutputQueue(16);
        await queue.AddAsync(Item(1), CancellationToken.None);
        queue.Complete();
        Assert.Equal([1], await TakeAsync(queue));
        Assert.False(await queue.TakeAsync([], CancellationToken.None));
        Assert.False(await queue.AddAsync(Item(2), CancellationToken.None), "output after the end is dropped");
    }

    [Fact]
    public async Task Failure_DeliversWhatWasVisible_ThenTheError_AndDropsWhatWasHidden()
    {
        var queue = new PipelineOutputQueue(16);
        await queue.AddAsync(Item(1), CancellationToken.None);
        queue.Flush();
        await queue.AddAsync(Item(2), CancellationToken.None);
        var error = new InvalidOperationException("the connection died");
        queue.Complete(error);
        queue.Flush();

        Assert.Equal([1], await TakeAsync(queue));
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(async () => await queue.TakeAsync([], CancellationToken.None));
        Assert.Same(error, thrown);
    }

    [Fact]
    public async Task AWaitingConsumer_IsReleasedByCancellation()
    {
        var queue = new PipelineOutputQueue(16);
        using var cancel = new CancellationTokenSource();
        var take = queue.TakeAsync([], cancel.Token).AsTask();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => take.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AWaitingConsumer_IsReleasedByTheEnd()
    {
        var queue = new PipelineOutputQueue(16);
        var take = queue.TakeAsync([], CancellationToken.None).AsTask();
        queue.Complete();
        Assert.False(await take.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
