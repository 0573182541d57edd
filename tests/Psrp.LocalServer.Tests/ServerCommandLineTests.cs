namespace Psrp.LocalServer.Tests;

public sealed class ServerCommandLineTests
{
    [Fact]
    public void No_switches_means_standard_server_mode()
    {
        ServerOptions? options = ServerCommandLine.Parse([], out string? error);

        Assert.Null(error);
        Assert.Equal(new ServerOptions(ServerMode.Standard, null, null, ShowHelp: false), options);
        Assert.False(options!.CombineErrorAndOutput);
    }

    [Theory]
    [InlineData("-s", false)]
    [InlineData("-ServerMode", false)]
    [InlineData("-SERVERMODE", false)]
    [InlineData("--s", false)]
    [InlineData("-sshs", true)]
    [InlineData("-SSHServerMode", true)]
    [InlineData("-SshS", true)]
    public void Server_mode_switches_are_case_insensitive(string arg, bool ssh)
    {
        ServerOptions? options = ServerCommandLine.Parse([arg], out string? error);

        Assert.Null(error);
        Assert.Equal(ssh ? ServerMode.Ssh : ServerMode.Standard, options!.Mode);
        Assert.Equal(ssh, options.CombineErrorAndOutput);
    }

    [Fact]
    public void The_sshd_subsystem_command_line_parses()
    {
        ServerOptions? options = ServerCommandLine.Parse(["-sshs", "-NoLogo", "-NoProfile"], out string? error);

        Assert.Null(error);
        Assert.Equal(ServerMode.Ssh, options!.Mode);
    }

    [Fact]
    public void Values_are_taken_from_the_next_argument()
    {
        ServerOptions? options = ServerCommandLine.Parse(
            ["-nol", "-nop", "-config", "Microsoft.PowerShell", "-WorkingDirectory", "/tmp"], out string? error);

        Assert.Null(error);
        Assert.Equal(new ServerOptions(ServerMode.Standard, "Microsoft.PowerShell", "/tmp", ShowHelp: false), options);
    }

    [Theory]
    [InlineData("-help")]
    [InlineData("-?")]
    [InlineData("-H")]
    public void Help_is_recognised(string arg) =>
        Assert.True(ServerCommandLine.Parse([arg], out _)!.ShowHelp);

    [Theory]
    [InlineData(new[] { "-bogus" }, "Unknown switch '-bogus'.")]
    [InlineData(new[] { "stray" }, "Unexpected argument 'stray'.")]
    [InlineData(new[] { "-serv" }, "Unknown switch '-serv'.")]
    [InlineData(new[] { "-ConfigurationFile", "x.pssc" }, "Unknown switch '-ConfigurationFile'.")]
    [InlineData(new[] { "-ConfigurationName" }, "Switch '-ConfigurationName' needs a value.")]
    [InlineData(new[] { "-wd", "" }, "Switch '-wd' needs a value.")]
    [InlineData(new[] { "-wd", "/a", "-wd", "/b" }, "Switch '-wd' was given more than once.")]
    [InlineData(new[] { "-s", "-sshs" }, "-s/-ServerMode and -sshs/-SSHServerMode cannot be combined.")]
    public void Bad_command_lines_say_what_is_wrong(string[] args, string expected)
    {
        Assert.Null(ServerCommandLine.Parse(args, out string? error));
        Assert.Equal(expected, error);
    }
}
