using Psrp.LocalServer.Tests.Support;

namespace Psrp.LocalServer.Tests;

/// <summary>
/// Where the server reports its own errors: stderr with <c>-s</c>, stdout behind the
/// <c>__NamedPipeError__:</c> prefix with <c>-sshs</c> (psrp-facts §6.1).
/// </summary>
[Collection(LocalServerCollection.Name)]
public sealed class ServerErrorChannelTests
{
    private const string ErrorPrefix = "__NamedPipeError__:";

    [Theory]
    [InlineData("-s")]
    [InlineData("-sshs")]
    public async Task An_unknown_element_ends_the_server_and_is_reported_on_the_mode_s_error_channel(string mode)
    {
        using var server = LocalServerProcess.Start([mode]);

        // A single line outside the grammar is fatal for PowerShell's server, not just ignored.
        await server.SendLineAsync("<Foo PSGuid='00000000-0000-0000-0000-000000000000' />");
        string stdout = await server.ReadRemainingStdoutAsync();
        await server.CloseInputAndWaitForExitAsync();

        Assert.NotEqual(0, server.ExitCode);
        const string expected = "An unknown element \"Foo\" was received.";
        if (mode == "-sshs")
        {
            Assert.StartsWith(ErrorPrefix + expected, stdout, StringComparison.Ordinal);
            Assert.Equal(string.Empty, server.Stderr);
        }
        else
        {
            Assert.Equal(string.Empty, stdout);
            Assert.StartsWith(expected, server.Stderr, StringComparison.Ordinal);
        }
    }
}
