using Psrp.LocalServer.Tests.Support;
using Psrp.Messages;
using Xunit.Abstractions;

namespace Psrp.LocalServer.Tests;

/// <summary>
/// End to end against PowerShell's own server: the first out-of-proc Data packet (pypsrp's
/// recorded SESSION_CAPABILITY + INIT_RUNSPACEPOOL) opens a runspace pool.
/// </summary>
[Collection(LocalServerCollection.Name)]
public sealed class RunspacePoolOpeningTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("-s", false)]
    [InlineData("-sshs", true)]
    public async Task The_first_data_packet_opens_the_runspace_pool(string mode, bool useAppHost)
    {
        using var server = LocalServerProcess.Start([mode, "-NoLogo", "-NoProfile"], useAppHost);

        PoolOpening opening = await PoolOpening.OpenAsync(server);

        var capability = Assert.IsType<SessionCapability>(opening.Capability.Payload);
        // PowerShell 7.6 speaks 2.4 but answers a 2.3 client with 2.3.
        Assert.Equal(new Version(2, 3), capability.ProtocolVersion);
        Assert.Equal(new Version(1, 1, 0, 1), capability.SerializationVersion);
        Assert.Equal(RunspacePoolState.Opened, Assert.IsType<RunspacePoolStateMessage>(opening.Opened.Payload).State);
        Assert.Equal(GoldenCreation.RunspacePoolId, opening.Opened.RunspacePoolId);
        Assert.All(opening.Messages, m => Assert.Equal(Destination.Client, m.Destination));
        Assert.All(opening.Messages, m => Assert.Equal(Guid.Empty, m.Channel));
        Assert.Contains(opening.Messages, m => m.Type == MessageType.ApplicationPrivateData);

        output.WriteLine($"{mode} via {(useAppHost ? "apphost" : "dotnet")}: first line after {opening.FirstLine.TotalMilliseconds:0} ms, " +
            $"RUNSPACEPOOL_STATE Opened after {opening.OpenedAfter.TotalMilliseconds:0} ms");
        output.WriteLine("Order: " + string.Join(", ", opening.Order));
        output.WriteLine("stderr: " + server.Stderr);
    }

    [Fact]
    public async Task Closing_stdin_closes_the_pool_and_ends_the_server()
    {
        using var server = LocalServerProcess.Start(["-s"]);
        await PoolOpening.OpenAsync(server);

        await server.CloseInputAndWaitForExitAsync();

        // End of input is how PowerShell's server learns the client is gone: it closes the pool
        // (the lines it still wrote are packets too), reports "unknown element" on stderr and
        // exits with its unhandled-error code 4000 (160 once truncated to a Unix exit status).
        output.WriteLine($"exit code {server.ExitCode}; stderr: {server.Stderr}");
        Assert.NotEqual(0, server.ExitCode);
        var states = new List<RunspacePoolState>();
        while (await server.TryReadPacketAsync() is { } received)
        {
            states.AddRange(received.Messages.Select(m => m.Payload).OfType<RunspacePoolStateMessage>().Select(s => s.State));
        }

        Assert.Equal([RunspacePoolState.Closing, RunspacePoolState.Closed], states);
    }
}
