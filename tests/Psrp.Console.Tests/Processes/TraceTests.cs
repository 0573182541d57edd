namespace Psrp.Cli.Tests.Processes;

/// <summary><c>psrp invoke --trace</c>, the tuning options, and <c>psrp trace decode</c>, run as processes against the bundled local endpoint.</summary>
public class TraceTests
{
    private static readonly string Target = PsrpApp.LocalTarget;

    [Fact]
    public async Task Invoke_records_a_trace_that_trace_decode_prints_as_messages_and_a_summary()
    {
        var file = Path.Combine(Path.GetTempPath(), $"psrp-trace-{Guid.NewGuid():N}.trace");
        try
        {
            var run = await PsrpApp.RunAsync(["invoke", Target, "--trace", file, "--fragment-size", "1K", "--fragments-per-packet", "1", "-c", "'marker-' + ('q' * 3000)"]);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("marker-qqq", run.Stdout, StringComparison.Ordinal);
            Assert.StartsWith("# psrp-trace 1\n", await File.ReadAllTextAsync(file), StringComparison.Ordinal);

            var decoded = await PsrpApp.RunAsync(["trace", "decode", file, "--max-xml", "100000"]);
            Assert.True(decoded.ExitCode == 0, decoded.ToString());
            var text = decoded.Stdout;
            Assert.Contains("C>S process Data pool Default", text, StringComparison.Ordinal);
            Assert.Contains("message SessionCapability (0x00010002) to Server", text, StringComparison.Ordinal);
            Assert.Contains("message CreatePipeline (0x00021006) to Server", text, StringComparison.Ordinal);
            Assert.Contains("message PipelineOutput (0x00041004) to Client", text, StringComparison.Ordinal);
            Assert.Contains("marker-qqq", text, StringComparison.Ordinal);

            // The 2 KB CREATE_PIPELINE went out in 1 KB fragments, one per line: start, middle, end.
            Assert.Matches(@"fragment object \d+ #0 S 1003 bytes", text);
            Assert.Matches(@"fragment object \d+ #1 - 1003 bytes", text);
            Assert.Matches(@"fragment object \d+ #2 E \d+ bytes\n    message CreatePipeline", text);
            Assert.Contains("Summary", text, StringComparison.Ordinal);
            Assert.Matches(@"round trips \(client sends after a receive\): \d+", text);
            Assert.Contains("Completed", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Trace_decode_reads_a_bare_base64_blob_from_stdin()
    {
        const string gv3 = "AAAAAAAAAAMAAAAAAAAAAAMAAABnAQAAAAUQAgB2BWqEUdxPJJJiyipVRksrAAAAAAAAAAAAAAAAAAAAAO+7vzxPYmogUmVmSWQ9IjAiPjxNUz48STMyIE49IlJ1bnNwYWNlU3RhdGUiPjI8L0kzMj48L01TPjwvT2JqPg==";
        var run = await PsrpApp.RunAsync(["trace", "decode", "-"], stdin: gv3 + "\n");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("message RunspacePoolState (0x00021005) to Client", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("<I32 N=\"RunspaceState\">2</I32>", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--fragment-size", "21", "MaxFragmentSize")]
    [InlineData("--fragment-size", "3G", "larger than")]
    [InlineData("--fragment-size", "lots", "takes a size")]
    [InlineData("--fragments-per-packet", "0", "MaxFragmentsPerPacket")]
    [InlineData("--receive-queue-capacity", "0", "ReceiveQueueCapacity")]
    [InlineData("--max-received-object-size", "10", "MaxReceivedObjectSize")]
    [InlineData("--output-batch-window", "5000", "OutputBatchWindow")]
    public async Task Values_the_protocol_cannot_carry_exit_with_2_before_connecting(string option, string value, string expected)
    {
        var file = Path.Combine(Path.GetTempPath(), $"psrp-trace-{Guid.NewGuid():N}.trace");
        var run = await PsrpApp.RunAsync(["invoke", Target, option, value, "--trace", file, "-c", "1"]);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(file), "nothing may start (not even the trace) when an option is bad");
    }
}
