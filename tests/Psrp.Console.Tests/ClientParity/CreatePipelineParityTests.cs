using Psrp.Messages;

namespace Psrp.Cli.Tests.ClientParity;

/// <summary>
/// What <c>psrp invoke</c> sends in CREATE_PIPELINE against what PowerShell's own <c>Invoke-Command</c>
/// sends for the same script to the same server, field by field: PowerShell's client is the spec.
/// </summary>
public sealed class CreatePipelineParityTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("psrp-parity-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Psrp_invoke_sends_the_CREATE_PIPELINE_Invoke_Command_sends()
    {
        // Several statements: Invoke-Command cannot turn the script block into commands, so it sends the text as a script.
        const string script = "1/0; \"after\"";
        var theirsPath = Path.Combine(_directory, "powershell.wire");
        var oursPath = Path.Combine(_directory, "psrp.wire");

        var theirOutput = await PowerShellClient.InvokeCommandAsync(script, theirsPath);
        var run = await PsrpApp.RunAsync(["invoke", "process://" + RecordingServer.Path, "-c", script], environment: new Dictionary<string, string> { [RecordingServer.RecordVariable] = oursPath });

        // The behaviour the fields decide: a statement-terminating error does not end the script.
        Assert.Equal(["after"], theirOutput);
        var theirs = CreatePipelineOf(theirsPath, script);
        var ours = CreatePipelineOf(oursPath, script);
        // psrp invoke streams a redirected stdin as pipeline input (the test's stdin is a pipe), which
        // Invoke-Command without pipeline input does not: NoInput differs by design here.
        ours.Remove("/NoInput");
        theirs.Remove("/NoInput");
        var diff = ClixmlFields.Diff(ours, theirs);
        Assert.True(diff.Count == 0, "CREATE_PIPELINE differs from PowerShell's Invoke-Command:\n" + string.Join('\n', diff) + "\n" + run);
    }

    private static SortedDictionary<string, string> CreatePipelineOf(string recording, string script)
    {
        Assert.True(File.Exists(recording), $"Nothing was recorded at {recording}: the client did not start the recording server.");
        var creates = WireRecording.Read(recording).Where(m => m.Type == MessageType.CreatePipeline)
            .Select(m => ClixmlFields.Flatten(m.Clixml))
            .Where(f => f.GetValueOrDefault("/PowerShell/Cmds[0]/Cmd") == "S:" + script)
            .ToArray();
        return Assert.Single(creates);
    }
}
