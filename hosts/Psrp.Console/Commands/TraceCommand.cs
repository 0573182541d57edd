using System.CommandLine;
using System.Globalization;
using System.Text;
using Psrp.Cli.Cli;
using Psrp.Diagnostics;

namespace Psrp.Cli.Commands;

/// <summary>
/// <c>psrp trace decode</c>: prints a wire trace written by <c>--trace</c> decoded — packets, their
/// fragments, the messages reassembled from them (type, RPID, PID) with their CLIXML indented — and a
/// summary. Given a base64 blob or hex dump (argument or stdin) instead of a trace, decodes that.
/// </summary>
internal static class TraceCommand
{
    public static Command Create()
    {
        var input = new Argument<string?>("input") { Description = "A trace file, '-' for stdin, or a base64 blob / hex dump / packet line given inline.", Arity = ArgumentArity.ZeroOrOne };
        var noXml = new Option<bool>("--no-xml") { Description = "Do not print message CLIXML." };
        var summaryOnly = new Option<bool>("--summary-only") { Description = "Print only the summary." };
        var maxXml = new Option<int>("--max-xml") { Description = "Most characters of CLIXML shown per message (default 4000).", DefaultValueFactory = _ => 4000 };
        var decode = new Command("decode", "Decode a wire trace (from --trace), or a base64 blob or hex dump of fragments or a message.");
        decode.Arguments.Add(input);
        decode.Options.Add(noXml);
        decode.Options.Add(summaryOnly);
        decode.Options.Add(maxXml);
        decode.SetAction((result, _) => CommandErrors.RunAsync(() => Task.FromResult(Run(
            result.GetValue(input), new PrintOptions(!result.GetValue(noXml), result.GetValue(summaryOnly), result.GetValue(maxXml))))));

        var trace = new Command("trace", "Work with wire traces recorded by 'psrp enter|invoke --trace FILE'.");
        trace.Subcommands.Add(decode);
        return trace;
    }

    internal sealed record PrintOptions(bool Xml, bool SummaryOnly, int MaxXml);

    internal static int Run(string? input, PrintOptions options)
    {
        var text = Read(input);
        var output = Console.Out;
        if (text.TrimStart().StartsWith(WireTraceFormat.Header, StringComparison.Ordinal))
        {
            var decoder = new WireTraceDecoder();
            try
            {
                var index = 0;
                DateTimeOffset? first = null;
                foreach (var unit in WireTraceDecoder.DecodeTrace(new StringReader(text), decoder))
                {
                    index++;
                    first ??= unit.Record?.Time;
                    if (!options.SummaryOnly)
                    {
                        PrintUnit(output, index, unit, first, options);
                    }
                }
            }
            catch (FormatException ex)
            {
                throw new UsageException($"not a valid trace: {ex.Message}");
            }

            PrintSummary(output, decoder.Summary);
            return decoder.Summary.Errors == 0 ? ExitCodes.Success : ExitCodes.PipelineFailed;
        }

        var blob = DecodeBlobText(text.Trim());
        PrintUnit(output, 1, blob, null, options);
        return blob.Error is null ? ExitCodes.Success : ExitCodes.PipelineFailed;
    }

    private static string Read(string? input)
    {
        if (input is null or "-")
        {
            if (!Console.IsInputRedirected && input is null)
            {
                throw new UsageException("give a trace file, a blob, or '-' and pipe one in.");
            }

            return Console.In.ReadToEnd();
        }

        if (File.Exists(input))
        {
            return File.ReadAllText(input);
        }

        return input;
    }

    /// <summary>An out-of-proc packet line, a WSMan envelope, or base64/hex of fragments or a message.</summary>
    private static DecodedUnit DecodeBlobText(string text)
    {
        if (text.StartsWith('<'))
        {
            var kind = text.StartsWith("<Data", StringComparison.Ordinal) ? WireTraceFormat.PacketKind : WireTraceFormat.WsmanKind;
            return new WireTraceDecoder().Decode(new WireTraceRecord(DateTimeOffset.UnixEpoch, WireDirection.Sent, "blob", kind, text));
        }

        try
        {
            return WireTraceDecoder.DecodeBlob(WireTraceDecoder.ParseBlobText(text));
        }
        catch (FormatException ex)
        {
            throw new UsageException($"cannot decode the input: {ex.Message} Give a trace file, base64, a hex dump or a packet line.");
        }
    }

    private static void PrintUnit(TextWriter output, int index, DecodedUnit unit, DateTimeOffset? first, PrintOptions options)
    {
        var line = new StringBuilder();
        line.Append('#').Append(index.ToString(CultureInfo.InvariantCulture));
        if (unit.Record is { } record)
        {
            var offset = first is { } start ? (record.Time - start).TotalSeconds : 0;
            line.Append(CultureInfo.InvariantCulture, $" +{offset:0.000000}s {(record.Direction == WireDirection.Sent ? "C>S" : "S>C")} {record.Transport}");
        }

        line.Append(' ').Append(unit.Summary);
        if (unit.PayloadBytes > 0)
        {
            line.Append(CultureInfo.InvariantCulture, $", {unit.PayloadBytes} bytes");
        }

        output.WriteLine(line.ToString());
        foreach (var fragment in unit.Fragments)
        {
            var flags = (fragment.IsStart ? "S" : string.Empty) + (fragment.IsEnd ? "E" : string.Empty);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    fragment object {fragment.ObjectId} #{fragment.FragmentId} {(flags.Length == 0 ? "-" : flags)} {fragment.BlobLength} bytes"));
        }

        foreach (var message in unit.Messages)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    message {message.TypeName} (0x{(uint)message.Type:X8}) to {message.Destination} RPID {message.RunspacePoolId} PID {message.PipelineId} {message.Length} bytes"));
            if (options.Xml && message.Data.Length > 0)
            {
                foreach (var xmlLine in ClixmlText.Indent(message.DataText, options.MaxXml).Split('\n'))
                {
                    output.WriteLine("      " + xmlLine);
                }
            }
        }

        if (unit.Error is not null)
        {
            output.WriteLine("    error: " + unit.Error);
        }
    }

    private static void PrintSummary(TextWriter output, TraceSummary summary)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine("Summary");
        var duration = summary.First is { } a && summary.Last is { } b ? (b - a).TotalSeconds : 0;
        output.WriteLine(string.Create(inv, $"  records: {summary.Records} ({summary.SentRecords} sent, {summary.ReceivedRecords} received) over {duration:0.000} s; {summary.Fragments} fragments; {summary.Errors} undecodable"));
        output.WriteLine(string.Create(inv, $"  fragment bytes: {summary.SentBytes} sent, {summary.ReceivedBytes} received"));
        output.WriteLine(string.Create(inv, $"  round trips (client sends after a receive): {summary.RoundTrips}"));
        output.WriteLine("  messages by type:");
        foreach (var totals in summary.Messages)
        {
            output.WriteLine(string.Create(inv, $"    {(totals.Direction == WireDirection.Sent ? "C>S" : "S>C")} {totals.Type,-28} {totals.Count,7} messages {totals.Bytes,12} bytes"));
        }

        if (summary.Pipelines.Count > 0)
        {
            output.WriteLine("  pipelines:");
            foreach (var pipeline in summary.Pipelines)
            {
                output.WriteLine(string.Create(inv, $"    {pipeline.Id} {(pipeline.Last - pipeline.First).TotalMilliseconds,10:0.000} ms {pipeline.Messages,7} messages {pipeline.FinalState ?? "(no final state)"}"));
            }
        }

        if (summary.Gaps.Count > 0)
        {
            output.WriteLine("  largest gaps:");
            foreach (var gap in summary.Gaps)
            {
                output.WriteLine(string.Create(inv, $"    {gap.Gap.TotalMilliseconds,10:0.000} ms between #{gap.Before} and #{gap.After} ({gap.AfterSummary})"));
            }
        }
    }
}
