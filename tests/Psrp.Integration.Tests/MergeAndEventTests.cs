using Psrp.Client;
using Psrp.Messages;
using Psrp.Serialization;

namespace Psrp.Integration.Tests;

/// <summary>Stream merging and forwarded engine events, against PowerShell's server.</summary>
public class MergeAndEventTests
{
    [Fact]
    public async Task MergeErrorToOutput_SendsErrorsDownTheOutput()
    {
        var (pool, _) = await LocalServer.OpenAsync();
        await using (pool)
        {
            const string script = """
                function Test-Error {
                    [CmdletBinding()] param()
                    $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([System.Exception]::new('merged'), 'MergedId', 'InvalidData', $null))
                    'after'
                }
                """;
            var pipeline = pool.CreatePipeline().AddScript(script).AddStatement().AddCommand("Test-Error").MergeErrorToOutput();
            var output = new List<PsObject?>();
            await foreach (var item in pipeline.InvokeAsync())
            {
                output.Add(item);
            }

            Assert.Empty(pipeline.Streams.Error);
            Assert.Equal(2, output.Count);
            Assert.Contains("ErrorRecord", output[0]!.TypeNames.MostDerived, StringComparison.Ordinal);
            Assert.Equal("after", output[1]!.BaseValue);
        }
    }

    [Fact]
    public async Task ForwardedEngineEvents_ArriveAsUserEvents()
    {
        var (pool, _) = await LocalServer.OpenAsync();
        await using (pool)
        {
            var received = new TaskCompletionSource<UserEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            pool.UserEventReceived += e => received.TrySetResult(e);
            await pool.InvokeScriptAsync("""
                $null = $ExecutionContext.Events.SubscribeEvent($null, $null, 'PsrpTestEvent', $null, $null, $true, $true)
                $null = $ExecutionContext.Events.GenerateEvent('PsrpTestEvent', 'the sender', @('arg1'), 'the data')
                """);
            var userEvent = await received.Task.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal("PsrpTestEvent", userEvent.SourceIdentifier);
            Assert.Equal("the data", userEvent.MessageData);
        }
    }
}
