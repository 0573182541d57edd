using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using Psrp.Client;
using Psrp.Fragments;
using Psrp.Messages;
using Psrp.OutOfProc;
using Psrp.Serialization;
using Psrp.Transport;

namespace Psrp.Benchmarks.EndToEnd;

/// <summary>
/// Where our client's CPU goes on one workload (<c>--e2e-breakdown WORKLOAD [RUNS]</c>). The workload
/// runs live through our client while the server's stdout is recorded; then the recorded bytes are
/// replayed through the receive path one stage more at a time, on one thread, without a server:
/// packets (line split, packet parse, base64), + fragment reassembly and message headers, + CLIXML
/// decoding. A last replay runs the real <see cref="OutOfProcTransport"/> (its read loop and queue)
/// over the recording, then stages 2–3 as <see cref="RunspacePool"/> does. What the live run costs
/// beyond that is the live plumbing: pipe reads, thread-pool hand-offs, the pool's dispatch, the
/// pipeline's output queue and the consumer.
/// </summary>
public static class ReceiveBreakdown
{
    /// <summary>Runs the breakdown and writes its table to <paramref name="output"/>.</summary>
    public static async Task RunAsync(E2eWorkload workload, int runs, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        if (workload.Kind == E2eWorkloadKind.Open)
        {
            throw new ArgumentException("The breakdown replays a pipeline's output; 'open' has none.", nameof(workload));
        }

        LocalServerCommand.EnsureBuilt();
        var (recorded, reads, live) = await RecordAsync(workload, runs, cancellationToken).ConfigureAwait(false);
        var lines = SplitLines(recorded);
        var dataLines = lines.Count(l => recorded.AsSpan(l.Start, l.Length).StartsWith("<Data "u8));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{workload.Id}: recorded {recorded.Length / 1e6:0.0} MB of server output, {lines.Count} lines ({dataLines} Data) in {reads} reads ({recorded.Length / Math.Max(reads, 1):N0} bytes a read); load average {EndToEndBenchmark.LoadAverage()}"));

        var dataOnly = DataLinesOnly(recorded, lines);
        var items = (long)workload.ItemsPerPipeline * workload.Pipelines;
        (string Name, Func<Task<long>> Run)[] stages =
        [
            ("1. packets: split lines, parse, base64-decode (as OutOfProcTransport.HandleLine)", () => Task.FromResult(ParsePackets(recorded, lines))),
            ("2. + reassemble fragments, decode message headers", () => Task.FromResult(Reassemble(recorded, lines, decodeBodies: false))),
            ("3. + decode bodies: CLIXML to PsObject (PsrpPayloadCodec.Decode)", () => Task.FromResult(Reassemble(recorded, lines, decodeBodies: true))),
            ("4. OutOfProcTransport read loop + queue over the recording, then 2-3", () => ReplayTransportAsync(dataOnly)),
        ];

        output.WriteLine();
        output.WriteLine($"| stage ({workload.Id}, best of {runs}) | client CPU | allocated | CPU per item | share of live CPU | context switches |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, run) in stages)
        {
            var best = default(E2eSample);
            for (var i = 0; i <= runs; i++)
            {
                var (sample, messages) = await E2eSample.MeasureAsync(run).ConfigureAwait(false);
                if (messages < items)
                {
                    throw new InvalidOperationException($"Stage '{name}' saw {messages} messages, fewer than the {items} output items.");
                }

                if (i > 0 && (best == default || sample.Cpu < best.Cpu))
                {
                    best = sample;
                }
            }

            output.WriteLine(Row(name, best, items, live));
        }

        output.WriteLine(Row($"live: the workload through {nameof(RunspacePool)} on a real server (median of {runs})", live, items, live));
    }

    private static string Row(string name, E2eSample sample, long items, E2eSample live)
    {
        var perItem = sample.Cpu.TotalMicroseconds / items;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {sample.Cpu.TotalMilliseconds:0} ms | {sample.Allocated / 1e6:0.0} MB | {(perItem >= 1000 ? $"{perItem / 1000:0.0} ms" : $"{perItem:0.0} µs")} | {sample.Cpu / live.Cpu:P0} | {sample.ContextSwitches:N0} |");
    }

    /// <summary>Runs the workload live (median of <paramref name="runs"/> after a warm-up), then once more recording the server's output.</summary>
    private static async Task<(byte[] Recorded, long Reads, E2eSample Live)> RecordAsync(E2eWorkload workload, int runs, CancellationToken cancellationToken)
    {
        using var process = LocalServerCommand.StartWithPipes();
        try
        {
            var recording = new RecordingStream(process.StandardOutput.BaseStream);
            var transport = new OutOfProcTransport(recording, process.StandardInput.BaseStream, new OutOfProcTransportOptions { Name = "recorded process" });
            var pool = await RunspacePool.OpenAsync(transport, cancellationToken: cancellationToken).ConfigureAwait(false);
            var session = new OurSession(pool);
            await using (session.ConfigureAwait(false))
            {
                var samples = new List<E2eSample>();
                for (var i = 0; i <= runs; i++)
                {
                    var (sample, _) = await E2eSample.MeasureAsync(
                        () => session.RunAsync(workload.Script, workload.TouchProperty, workload.Pipelines, cancellationToken)).ConfigureAwait(false);
                    if (i > 0)
                    {
                        samples.Add(sample);
                    }
                }

                recording.Recording = true;
                await session.RunAsync(workload.Script, workload.TouchProperty, workload.Pipelines, cancellationToken).ConfigureAwait(false);
                recording.Recording = false;
                var live = samples.OrderBy(s => s.Cpu).ElementAt(samples.Count / 2);
                return (recording.ToArray(), recording.Reads, live);
            }
        }
        finally
        {
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(exit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static List<(int Start, int Length)> SplitLines(byte[] bytes)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        while (start < bytes.Length)
        {
            var end = bytes.AsSpan(start).IndexOf((byte)'\n');
            var length = end < 0 ? bytes.Length - start : end;
            if (length > 0)
            {
                lines.Add((start, length));
            }

            start += length + 1;
        }

        return lines;
    }

    /// <summary>Stage 1: what the transport does per line, minus its queue. Returns the Data packets seen.</summary>
    private static long ParsePackets(byte[] recorded, List<(int Start, int Length)> lines)
    {
        long data = 0;
        foreach (var (start, length) in lines)
        {
            if (DecodeData(recorded.AsSpan(start, length)) is not null)
            {
                data++;
            }
        }

        return data;
    }

    /// <summary>Stages 2 and 3: packets, then fragments to messages, then (optionally) message bodies. Returns the messages.</summary>
    private static long Reassemble(byte[] recorded, List<(int Start, int Length)> lines, bool decodeBodies)
    {
        var assemblers = new Dictionary<(Guid, PsrpStreamKind), FragmentAssembler>();
        long messages = 0;
        try
        {
            foreach (var (start, length) in lines)
            {
                if (DecodeData(recorded.AsSpan(start, length)) is { } data)
                {
                    messages += Assemble(assemblers, data, decodeBodies);
                }
            }
        }
        finally
        {
            foreach (var assembler in assemblers.Values)
            {
                assembler.Dispose();
            }
        }

        return messages;
    }

    /// <summary>The recorded Data lines alone: acks would find no waiter in a replay and fail the transport.</summary>
    private static byte[] DataLinesOnly(byte[] recorded, List<(int Start, int Length)> lines)
    {
        var output = new MemoryStream(recorded.Length);
        foreach (var (start, length) in lines)
        {
            var line = recorded.AsSpan(start, length);
            if (line.StartsWith("<Data "u8))
            {
                output.Write(line);
                output.WriteByte((byte)'\n');
            }
        }

        return output.ToArray();
    }

    /// <summary>Stage 4: the real transport reads the recorded Data lines from memory; its output goes through stages 2–3.</summary>
    private static async Task<long> ReplayTransportAsync(byte[] dataLines)
    {
        var input = new MemoryStream(dataLines, writable: false);
        var assemblers = new Dictionary<(Guid, PsrpStreamKind), FragmentAssembler>();
        long messages = 0;
        var transport = new OutOfProcTransport(input, Stream.Null, new OutOfProcTransportOptions { Name = "replay" });
        await using (transport.ConfigureAwait(false))
        {
            try
            {
                await foreach (var data in transport.Received.ReadAllAsync().ConfigureAwait(false))
                {
                    messages += Assemble(assemblers, data, decodeBodies: true);
                }
            }
            catch (PsrpTransportException)
            {
                // The recording ends: the transport reports the end of its input, as for a server that exits.
            }
            finally
            {
                foreach (var assembler in assemblers.Values)
                {
                    assembler.Dispose();
                }
            }
        }

        return messages;
    }

    private static TransportData? DecodeData(ReadOnlySpan<byte> line)
    {
        var packet = OutOfProcPacketCodec.Parse(line);
        if (packet.Kind != OutOfProcPacketKind.Data)
        {
            return null;
        }

        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(packet.Base64Payload.Length)];
        if (Base64.DecodeFromUtf8(packet.Base64Payload, bytes, out _, out var written) != OperationStatus.Done)
        {
            throw new InvalidOperationException("A recorded Data packet is not valid base64.");
        }

        return new TransportData(packet.PsGuid, packet.Stream, bytes.AsMemory(0, written));
    }

    private static int Assemble(Dictionary<(Guid, PsrpStreamKind), FragmentAssembler> assemblers, TransportData data, bool decodeBodies)
    {
        var key = (data.PipelineId, data.Stream);
        if (!assemblers.TryGetValue(key, out var assembler))
        {
            assemblers[key] = assembler = new FragmentAssembler(128 << 20);
        }

        var messages = 0;
        assembler.Feed(data.Bytes.Span);
        while (assembler.TryRead(out var assembled))
        {
            using (assembled)
            {
                var message = PsrpMessage.Decode(assembled.Memory);
                if (decodeBodies)
                {
                    _ = PsrpPayloadCodec.Decode(message.MessageType, message.Data, ClixmlLimits.Default);
                }
            }

            messages++;
        }

        return messages;
    }
}
