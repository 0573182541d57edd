using System.Buffers;
using System.Threading.Channels;
using Psrp.Fragments;
using Psrp.OutOfProc;
using Psrp.Transport;

namespace Psrp.Tests.OutOfProc;

/// <summary>
/// The per-channel sender without I/O: a fake "ack" gate the test opens by hand and a list of written
/// lines, so packing, order, the one-line-out rule and the bounded queue are checked exactly.
/// </summary>
public class PackedFragmentSenderTests
{
    /// <summary>Queues <paramref name="message"/> until one more would not fit (the first line's ack is held).</summary>
    private static async Task FillAsync(Harness harness, ReadOnlyMemory<byte> message, int maxLineBytes)
    {
        while (harness.Sender.QueuedBytes + message.Length <= PackedFragmentSender.CapacityFor(maxLineBytes))
        {
            await harness.Sender.EnqueueAsync(message, CancellationToken.None);
        }
    }

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    /// <summary>One message of one fragment with a blob of <paramref name="blobSize"/> bytes, all equal to <paramref name="marker"/>.</summary>
    private static byte[] Message(Fragmenter fragmenter, int blobSize, byte marker)
    {
        var output = new ArrayBufferWriter<byte>();
        var blob = new byte[blobSize];
        Array.Fill(blob, marker);
        fragmenter.Write(blob, output);
        return output.WrittenSpan.ToArray();
    }

    [Fact]
    public async Task Messages_queued_while_a_line_is_out_go_together_in_the_next_line_in_order()
    {
        await using var harness = new Harness(maxLineBytes: 1000);
        var fragmenter = new Fragmenter(1000);
        await harness.Sender.EnqueueAsync(Message(fragmenter, 10, 1), CancellationToken.None);
        var first = await harness.NextLineAsync();
        Assert.Equal(31, first.Length);

        // The first line is un-acked: these three wait, and all go in one line once the ack comes.
        for (byte marker = 2; marker <= 4; marker++)
        {
            await harness.Sender.EnqueueAsync(Message(fragmenter, 10, marker), CancellationToken.None);
        }

        Assert.False(harness.HasLine);
        harness.Ack();
        var second = await harness.NextLineAsync();
        Assert.Equal(3 * 31, second.Length);
        Assert.Equal([2, 3, 4], Markers(second));
        Assert.False(harness.HasLine);
    }

    [Fact]
    public async Task A_line_holds_whole_fragments_up_to_the_fragment_size_and_at_most_the_fragment_count()
    {
        await using var harness = new Harness(maxLineBytes: 100, maxFragmentsPerLine: 3);
        var fragmenter = new Fragmenter(100);
        harness.HoldFirstAck();
        for (byte marker = 1; marker <= 8; marker++)
        {
            await harness.Sender.EnqueueAsync(Message(fragmenter, 9, marker), CancellationToken.None);
        }

        // 30-byte fragments: three fit in 100 bytes, and three is also the count limit; then 3, then 2.
        var lines = new List<byte[]>();
        for (var i = 0; i < 3; i++)
        {
            harness.Ack();
            lines.Add(await harness.NextLineAsync());
        }

        Assert.Equal([3, 3, 2], lines.Select(l => l.Length / 30));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], lines.SelectMany(Markers));
    }

    [Fact]
    public async Task Only_one_line_is_out_until_it_is_acked()
    {
        await using var harness = new Harness(maxLineBytes: 64);
        var fragmenter = new Fragmenter(64);
        var big = new ArrayBufferWriter<byte>();
        fragmenter.Write(new byte[400], big);
        await harness.Sender.EnqueueAsync(big.WrittenMemory, CancellationToken.None);
        var written = 0;
        while (written < big.WrittenCount)
        {
            var line = await harness.NextLineAsync();
            Assert.True(line.Length <= 64);
            written += line.Length;
            await Task.Delay(50);
            Assert.False(harness.HasLine, "a second line went out before the first was acked");
            harness.Ack();
        }

        Assert.Equal(big.WrittenCount, written);
    }

    [Fact]
    public async Task A_full_queue_makes_the_sender_wait_and_an_ack_lets_it_go_on()
    {
        await using var harness = new Harness(maxLineBytes: 1000);
        var fragmenter = new Fragmenter(1000);
        harness.HoldFirstAck();
        var capacity = PackedFragmentSender.CapacityFor(1000);
        var message = Message(fragmenter, 979, 7);
        var queued = 0L;
        while (queued + message.Length <= capacity)
        {
            await harness.Sender.EnqueueAsync(message, CancellationToken.None).AsTask().WaitAsync(Wait);
            queued += message.Length;
        }

        var blocked = harness.Sender.EnqueueAsync(message, CancellationToken.None).AsTask();
        await Task.Delay(200);
        Assert.False(blocked.IsCompleted, "the queue is full, so the sender must wait");
        Assert.True(harness.Sender.QueuedBytes <= capacity);

        harness.Ack();
        await blocked.WaitAsync(Wait);
    }

    [Fact]
    public async Task A_cancelled_wait_for_room_throws_and_leaves_the_sender_usable()
    {
        await using var harness = new Harness(maxLineBytes: 1000);
        var fragmenter = new Fragmenter(1000);
        harness.HoldFirstAck();
        var message = Message(fragmenter, 979, 7);
        await FillAsync(harness, message, maxLineBytes: 1000);

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await harness.Sender.EnqueueAsync(message, cancel.Token));
        harness.Ack();
        Assert.NotEmpty(await harness.NextLineAsync());
    }

    [Fact]
    public async Task WhenWritten_completes_only_after_the_bytes_queued_before_it_are_written()
    {
        await using var harness = new Harness(maxLineBytes: 100);
        var fragmenter = new Fragmenter(100);
        harness.HoldFirstAck();
        await harness.Sender.EnqueueAsync(Message(fragmenter, 9, 1), CancellationToken.None);
        var written = harness.Sender.WhenWrittenAsync();
        await Task.Delay(100);
        Assert.False(written.IsCompleted);
        harness.Ack();
        await harness.NextLineAsync();
        await written.WaitAsync(Wait);
        Assert.True(harness.Sender.WhenWrittenAsync().IsCompleted, "nothing is queued any more");
    }

    [Fact]
    public async Task Fail_wakes_every_waiter_and_refuses_later_data()
    {
        await using var harness = new Harness(maxLineBytes: 1000);
        var fragmenter = new Fragmenter(1000);
        harness.HoldFirstAck();
        var message = Message(fragmenter, 979, 7);
        await FillAsync(harness, message, maxLineBytes: 1000);

        var blocked = harness.Sender.EnqueueAsync(message, CancellationToken.None).AsTask();
        var written = harness.Sender.WhenWrittenAsync();
        var error = new InvalidOperationException("the channel is gone");
        harness.Sender.Fail(error);
        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(() => blocked.WaitAsync(Wait)));
        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(() => written.WaitAsync(Wait)));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await harness.Sender.EnqueueAsync(message, CancellationToken.None));
        Assert.Equal(0, harness.Sender.QueuedBytes);
    }

    [Fact]
    public async Task A_write_error_ends_the_sender_with_the_described_error()
    {
        await using var harness = new Harness(maxLineBytes: 100, failWrites: true);
        var fragmenter = new Fragmenter(100);
        await harness.Sender.EnqueueAsync(Message(fragmenter, 9, 1), CancellationToken.None);
        var error = await Assert.ThrowsAsync<TimeoutException>(() => harness.Sender.WhenWrittenAsync().WaitAsync(Wait));
        Assert.Equal("described: the pipe broke", error.Message);
        await Assert.ThrowsAsync<TimeoutException>(async () => await harness.Sender.EnqueueAsync(Message(fragmenter, 9, 2), CancellationToken.None));
    }

    [Fact]
    public async Task Data_that_is_not_whole_fragments_is_refused_before_anything_is_queued()
    {
        await using var harness = new Harness(maxLineBytes: 100);
        var fragment = Message(new Fragmenter(100), 9, 1);
        await Assert.ThrowsAsync<ArgumentException>(async () => await harness.Sender.EnqueueAsync(fragment.AsMemory(0, fragment.Length - 1), CancellationToken.None));
        Assert.Equal(0, harness.Sender.QueuedBytes);
        Assert.False(harness.HasLine);
    }

    [Fact]
    public async Task A_stream_of_small_messages_arrives_complete_in_order_in_few_lines()
    {
        await using var harness = new Harness(maxLineBytes: 32 << 10, autoAck: true);
        var fragmenter = new Fragmenter(32 << 10);
        const int Count = 20_000;
        var expected = new List<byte>();
        for (var i = 0; i < Count; i++)
        {
            var marker = (byte)(i % 251);
            expected.Add(marker);
            await harness.Sender.EnqueueAsync(Message(fragmenter, 50, marker), CancellationToken.None).AsTask().WaitAsync(Wait);
        }

        await harness.Sender.WhenWrittenAsync().WaitAsync(Wait);
        var lines = harness.DrainLines();
        Assert.Equal(expected, lines.SelectMany(Markers));
        Assert.True(lines.Count < Count / 50, $"{Count} messages took {lines.Count} lines: they were not packed");
        Assert.All(lines, l => Assert.True(l.Length <= 32 << 10));
    }

    /// <summary>The marker (first blob byte) of each fragment in a line.</summary>
    private static List<byte> Markers(byte[] line)
    {
        var markers = new List<byte>();
        var offset = 0;
        while (offset < line.Length)
        {
            Assert.True(FragmentHeader.TryRead(line.AsSpan(offset), out var header));
            markers.Add(line[offset + FragmentHeader.Size]);
            offset += FragmentHeader.Size + header.BlobLength;
        }

        Assert.Equal(line.Length, offset);
        return markers;
    }

    /// <summary>A sender wired to a hand-opened ack gate and a channel of written lines.</summary>
    private sealed class Harness : IAsyncDisposable
    {
        private readonly SemaphoreSlim _slot = new(1, 1);
        private readonly Channel<byte[]> _lines = Channel.CreateUnbounded<byte[]>();
        private readonly bool _autoAck;

        public Harness(int maxLineBytes, int maxFragmentsPerLine = int.MaxValue, bool autoAck = false, bool failWrites = false)
        {
            _autoAck = autoAck;
            Sender = new PackedFragmentSender(
                maxLineBytes,
                maxFragmentsPerLine,
                async ct =>
                {
                    if (!await _slot.WaitAsync(Wait, ct))
                    {
                        throw new TimeoutException("no ack");
                    }
                },
                (line, ct) =>
                {
                    if (failWrites)
                    {
                        throw new IOException("the pipe broke");
                    }

                    _lines.Writer.TryWrite(line.ToArray());
                    if (_autoAck)
                    {
                        // The server's ack comes back a moment later, as over a pipe.
                        _ = Task.Delay(1, CancellationToken.None).ContinueWith(_ => _slot.Release(), TaskScheduler.Default);
                    }

                    return ValueTask.CompletedTask;
                },
                error => new TimeoutException($"described: {error.Message}"));
        }

        public PackedFragmentSender Sender { get; }

        public bool HasLine => _lines.Reader.Count > 0;

        /// <summary>Takes the slot as an un-acked line would, so what is queued next waits for <see cref="Ack"/>.</summary>
        public void HoldFirstAck() => Assert.True(_slot.Wait(0));

        public void Ack() => _slot.Release();

        public async Task<byte[]> NextLineAsync() => await _lines.Reader.ReadAsync().AsTask().WaitAsync(Wait);

        public List<byte[]> DrainLines()
        {
            var lines = new List<byte[]>();
            while (_lines.Reader.TryRead(out var line))
            {
                lines.Add(line);
            }

            return lines;
        }

        public ValueTask DisposeAsync()
        {
            Sender.Fail(new ObjectDisposedException(nameof(Harness)));
            return ValueTask.CompletedTask;
        }
    }
}
