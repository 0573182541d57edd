using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using Psrp.Fragments;
using Psrp.Messages;
using Psrp.OutOfProc;
using Psrp.Runspaces;
using Psrp.Transport;

namespace Psrp.Benchmarks.EndToEnd;

/// <summary>
/// The one-line round trip's floor on this server (<c>--e2e-floor [RUNS]</c>): <c>oneline200</c> driven by the
/// thinnest client that still follows the out-of-proc rules. One thread, blocking reads and writes on the
/// LocalServer's pipes, every packet encoded before the clock starts, and no decoding beyond spotting the
/// pipeline's PIPELINE_STATE. Per pipeline: Command, wait for CommandAck, the CREATE_PIPELINE Data line, wait
/// for the state, Close (its ack is not waited for). Whatever a real client adds comes on top of this.
/// With <c>prepared</c>, the next pipeline's Command goes out right after this one's CREATE_PIPELINE, so each
/// start finds its channel acked already: one round trip per pipeline instead of two.
/// </summary>
public static class ServerFloor
{
    private const int Pipelines = 200;

    // As the --e2e comparison warms its sequential workloads: the server's time per pipeline keeps falling for
    // its first ~6,000 pipelines.
    private const int WarmUpRuns = 30;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs 30 warm-up and <paramref name="runs"/> measured runs of 200 pipelines each, printing every run and the median.</summary>
    public static void Run(int runs, bool prepared, TextWriter output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        using var server = LocalServerCommand.StartWithPipes();

        // The reads block without a timeout of their own: a server that stops answering is killed, which ends them.
        using var watchdog = new Timer(_ => server.Kill(entireProcessTree: true), null, RunTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            var stdin = server.StandardInput.BaseStream;
            using var stdout = new StreamReader(server.StandardOutput.BaseStream, bufferSize: 64 << 10);
            var poolId = Guid.NewGuid();
            var settings = new RunspacePoolSettings();
            var fragmenter = new Fragmenter();
            Open(poolId, settings, fragmenter, stdin, stdout);
            var measured = new List<double>();
            for (var run = 1 - WarmUpRuns; run <= runs; run++)
            {
                watchdog.Change(RunTimeout, Timeout.InfiniteTimeSpan);
                var lines = Enumerable.Range(0, Pipelines).Select(_ => PipelineLines.Encode(poolId, settings.ProtocolVersion, fragmenter)).ToArray();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                if (prepared)
                {
                    Write(stdin, lines[0].Command);
                    for (var i = 0; i < lines.Length; i++)
                    {
                        RunPrepared(lines[i], i + 1 < lines.Length ? lines[i + 1] : null, stdin, stdout);
                    }
                }
                else
                {
                    foreach (var pipeline in lines)
                    {
                        RunOne(pipeline, stdin, stdout);
                    }
                }

                clock.Stop();
                var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                if (run > 0)
                {
                    measured.Add(clock.Elapsed.TotalMilliseconds);
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(run <= 0 ? "warm-up" : $"run {run}"),-8} floor{(prepared ? " (prepared)" : string.Empty)} oneline200: wall {clock.Elapsed.TotalMilliseconds:0} ms ({clock.Elapsed.TotalMilliseconds / Pipelines:0.00} ms each), client CPU {used.TotalMilliseconds:0} ms"));
            }

            measured.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median of {runs} measured runs: {measured[measured.Count / 2]:0} ms ({measured[measured.Count / 2] / Pipelines:0.00} ms a pipeline)"));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit(5000);
        }
    }

    private static void Open(Guid poolId, RunspacePoolSettings settings, Fragmenter fragmenter, Stream stdin, StreamReader stdout)
    {
        var machine = new ClientRunspacePoolMachine(poolId, settings);
        var fragments = new ArrayBufferWriter<byte>();
        foreach (var body in machine.Open())
        {
            var data = PsrpPayloadCodec.Encode(body, settings.ProtocolVersion);
            fragmenter.WriteMessage(new PsrpMessage(Destination.Server, body.MessageType, poolId, Guid.Empty, data), fragments);
        }

        var line = new ArrayBufferWriter<byte>();
        OutOfProcPacketCodec.WriteData(line, Guid.Empty, PsrpStreamKind.Default, fragments.WrittenSpan);
        Write(stdin, line.WrittenMemory);

        // RUNSPACEPOOL_STATE ends the opening (Opened, or Broken with a reason the caller would see as a hang).
        WaitFor(stdout, Guid.Empty, MessageType.RunspacePoolState);
    }

    private static void RunOne(PipelineLines pipeline, Stream stdin, StreamReader stdout)
    {
        Write(stdin, pipeline.Command);
        while (true)
        {
            var packet = ReadPacket(stdout, out _);
            if (packet.Kind == OutOfProcPacketKind.CommandAck && packet.Id == pipeline.Id)
            {
                break;
            }
        }

        Write(stdin, pipeline.Data);
        WaitFor(stdout, pipeline.Id, MessageType.PipelineState);
        Write(stdin, pipeline.Close);
    }

    /// <summary>One pipeline whose channel was opened earlier; opens the next one's while this one runs.</summary>
    private static void RunPrepared(PipelineLines pipeline, PipelineLines? next, Stream stdin, StreamReader stdout)
    {
        while (!pipeline.Acked)
        {
            var packet = ReadPacket(stdout, out _);
            if (packet.Kind == OutOfProcPacketKind.CommandAck && packet.Id == pipeline.Id)
            {
                break;
            }
        }

        Write(stdin, pipeline.Data);
        if (next is not null)
        {
            Write(stdin, next.Command);
        }

        while (true)
        {
            var packet = ReadPacket(stdout, out var firstType);
            if (next is not null && packet.Kind == OutOfProcPacketKind.CommandAck && packet.Id == next.Id)
            {
                next.Acked = true;
            }

            if (packet.Kind == OutOfProcPacketKind.Data && packet.Id == pipeline.Id && firstType == MessageType.PipelineState)
            {
                break;
            }
        }

        Write(stdin, pipeline.Close);
    }

    /// <summary>Reads packets until a Data packet on <paramref name="channel"/> starts a message of <paramref name="type"/>.</summary>
    private static void WaitFor(StreamReader stdout, Guid channel, MessageType type)
    {
        while (true)
        {
            var packet = ReadPacket(stdout, out var firstType);
            if (packet.Kind == OutOfProcPacketKind.Data && packet.Id == channel && firstType == type)
            {
                return;
            }
        }
    }

    private static (OutOfProcPacketKind Kind, Guid Id) ReadPacket(StreamReader stdout, out MessageType? firstMessageType)
    {
        var text = stdout.ReadLine() ?? throw new InvalidOperationException("The LocalServer closed its output.");
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var packet = OutOfProcPacketCodec.Parse(bytes);
        firstMessageType = null;
        if (packet.Kind == OutOfProcPacketKind.Data)
        {
            // The first fragment's message header: the message type sits 4 bytes into the message.
            var decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(packet.Base64Payload.Length)];
            if (Base64.DecodeFromUtf8(packet.Base64Payload, decoded, out _, out var written) == OperationStatus.Done && written >= FragmentHeader.Size + 8)
            {
                firstMessageType = (MessageType)BinaryPrimitives.ReadUInt32LittleEndian(decoded.AsSpan(FragmentHeader.Size + 4));
            }
        }

        return (packet.Kind, packet.PsGuid);
    }

    private static void Write(Stream stdin, ReadOnlyMemory<byte> line)
    {
        stdin.Write(line.Span);
        stdin.Flush();
    }

    /// <summary>One pipeline's three packets, encoded ahead of time.</summary>
    private sealed record PipelineLines(Guid Id, ReadOnlyMemory<byte> Command, ReadOnlyMemory<byte> Data, ReadOnlyMemory<byte> Close)
    {
        public bool Acked { get; set; }

        public static PipelineLines Encode(Guid poolId, Version protocolVersion, Fragmenter fragmenter)
        {
            var id = Guid.NewGuid();
            var create = new ClientPipelineMachine(id).Invoke(new CreatePipeline { Statements = [[new PipelineCommand("1 + 1", isScript: true)]] });
            var fragments = new ArrayBufferWriter<byte>();
            fragmenter.WriteMessage(new PsrpMessage(Destination.Server, create.MessageType, poolId, id, PsrpPayloadCodec.Encode(create, protocolVersion)), fragments);
            return new PipelineLines(id, Control(OutOfProcPacketKind.Command, id), DataLine(id, fragments.WrittenSpan), Control(OutOfProcPacketKind.Close, id));
        }

        private static ReadOnlyMemory<byte> Control(OutOfProcPacketKind kind, Guid id)
        {
            var line = new ArrayBufferWriter<byte>();
            OutOfProcPacketCodec.WriteControl(line, kind, id);
            return line.WrittenMemory;
        }

        private static ReadOnlyMemory<byte> DataLine(Guid id, ReadOnlySpan<byte> fragments)
        {
            var line = new ArrayBufferWriter<byte>();
            OutOfProcPacketCodec.WriteData(line, id, PsrpStreamKind.Default, fragments);
            return line.WrittenMemory;
        }
    }
}
