using System.CommandLine;
using Psrp.Client;
using Psrp.Diagnostics;
using Psrp.Transport;

namespace Psrp.Cli.Cli;

/// <summary>
/// The wire tuning and tracing options of <c>enter</c> and <c>invoke</c> (docs/tuning.md): they become
/// the connect request's <see cref="TransportOptions"/> and the pool's receive limits. Values the
/// protocol cannot carry fail with exit code 2 before anything connects.
/// </summary>
internal sealed class TuningOptions
{
    public Option<string?> FragmentSize { get; } = new("--fragment-size") { Description = "Largest fragment the client sends, header included (default 32K, as PowerShell)." };

    public Option<string?> FragmentsPerPacket { get; } = new("--fragments-per-packet") { Description = "Out-of-proc: most fragments packed into one Data line (default: as many as fit in one fragment size)." };

    public Option<string?> MaxEnvelopeSize { get; } = new("--max-envelope-size") { Description = "WSMan: largest SOAP envelope in bytes (default 512000)." };

    public Option<string?> MaxReceivedObjectSize { get; } = new("--max-received-object-size") { Description = "Largest message accepted from the server (default 128M)." };

    public Option<string?> MaxReceivedDataSizePerCommand { get; } = new("--max-received-data-size-per-command") { Description = "Most bytes one pipeline may receive (default: no limit, as PowerShell's client)." };

    public Option<string?> ReceiveBufferSize { get; } = new("--receive-buffer-size") { Description = "Out-of-proc: bytes read from the connection at a time (default 64K)." };

    public Option<string?> ReceiveQueueCapacity { get; } = new("--receive-queue-capacity") { Description = "Received packets queued before reading pauses (backpressure; default 64)." };

    public Option<string?> OutputBufferCapacity { get; } = new("--output-buffer-capacity") { Description = "Output objects buffered per pipeline before reading pauses (default 1024)." };

    public Option<string?> OutputBatchWindow { get; } = new("--output-batch-window") { Description = "Milliseconds output may wait to be handed over in a batch (default 2; 0: at every pause in the data)." };

    public Option<string?> Trace { get; } = new("--trace") { Description = "Record the wire to this file (secrets redacted); read it with 'psrp trace decode'." };

    public void AddTo(Command command)
    {
        foreach (var option in (Option[])[FragmentSize, FragmentsPerPacket, MaxEnvelopeSize, MaxReceivedObjectSize, MaxReceivedDataSizePerCommand, ReceiveBufferSize, ReceiveQueueCapacity, OutputBufferCapacity, OutputBatchWindow, Trace])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The transport tuning given (validated), with <paramref name="recorder"/> attached; null when nothing was given.</summary>
    public TransportOptions? Transport(ParseResult result, IWireRecorder? recorder)
    {
        var options = new TransportOptions
        {
            MaxFragmentSize = Size(result, FragmentSize),
            MaxFragmentsPerPacket = Count(result, FragmentsPerPacket),
            MaxEnvelopeSize = Size(result, MaxEnvelopeSize),
            ReceiveBufferSize = Size(result, ReceiveBufferSize),
            ReceiveQueueCapacity = Count(result, ReceiveQueueCapacity),
            WireRecorder = recorder,
        };
        options.Validate();
        return options == TransportOptions.Default ? null : options;
    }

    /// <summary><paramref name="pool"/> with the receive limits given (validated).</summary>
    public RunspacePoolOptions Pool(ParseResult result, RunspacePoolOptions pool)
    {
        pool = pool with
        {
            MaxReceivedObjectSize = Size(result, MaxReceivedObjectSize) ?? pool.MaxReceivedObjectSize,
            MaxReceivedDataSizePerCommand = Size(result, MaxReceivedDataSizePerCommand) ?? pool.MaxReceivedDataSizePerCommand,
            OutputBufferCapacity = Count(result, OutputBufferCapacity) ?? pool.OutputBufferCapacity,
            OutputBatchWindow = Count(result, OutputBatchWindow) is { } milliseconds ? TimeSpan.FromMilliseconds(milliseconds) : pool.OutputBatchWindow,
        };
        pool.Validate();
        return pool;
    }

    /// <summary>Opens the trace file when <c>--trace</c> was given (exit code 2 when it cannot be created).</summary>
    public WireTraceWriter? OpenTrace(ParseResult result)
    {
        if (result.GetValue(Trace) is not { Length: > 0 } path)
        {
            return null;
        }

        try
        {
            return new WireTraceWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"--trace: cannot create '{path}': {ex.Message}");
        }
    }

    private static int? Size(ParseResult result, Option<string?> option) =>
        result.GetValue(option) is { } text ? SizeText.Parse(text, option.Name) : null;

    private static int? Count(ParseResult result, Option<string?> option) =>
        result.GetValue(option) is { } text ? SizeText.ParseCount(text, option.Name) : null;
}
