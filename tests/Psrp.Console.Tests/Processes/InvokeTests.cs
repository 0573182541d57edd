using System.Text.Json;
using System.Xml.Linq;

namespace Psrp.Cli.Tests.Processes;

/// <summary><c>psrp invoke</c> run as a process against the bundled local endpoint: formats, piped input, exit codes.</summary>
public class InvokeTests
{
    private static readonly string Target = PsrpApp.LocalTarget;

    [Fact]
    public async Task Text_output_shows_primitives_and_objects_as_a_table()
    {
        var run = await PsrpApp.RunAsync(["invoke", Target, "-c", "1+1; 'hello'; [pscustomobject]@{Name='x'; Size=42}"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StdoutLines;
        Assert.Equal("2", lines[0]);
        Assert.Equal("hello", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("Name", StringComparison.Ordinal) && l.Contains("Size", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("----", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith('x') && l.EndsWith("42", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_output_is_one_value_per_line()
    {
        var run = await PsrpApp.RunAsync(["invoke", Target, "-Command", "7; 'a'; [pscustomobject]@{n=1; list=@(1,2); h=@{k='v'}}; $true", "--output", "json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StdoutLines;
        Assert.Equal(4, lines.Length);
        Assert.Equal(7, JsonDocument.Parse(lines[0]).RootElement.GetInt32());
        Assert.Equal("a", JsonDocument.Parse(lines[1]).RootElement.GetString());
        var obj = JsonDocument.Parse(lines[2]).RootElement;
        Assert.Equal(1, obj.GetProperty("n").GetInt32());
        Assert.Equal([1, 2], obj.GetProperty("list").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("v", obj.GetProperty("h").GetProperty("k").GetString());
        Assert.True(JsonDocument.Parse(lines[3]).RootElement.GetBoolean());
    }

    [Fact]
    public async Task Clixml_output_is_one_document_PowerShell_reads()
    {
        var run = await PsrpApp.RunAsync(["invoke", Target, "-c", "5; 'text'; [pscustomobject]@{a=1}", "-o", "CliXml"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var document = XDocument.Parse(run.Stdout);
        XNamespace ns = "http://schemas.microsoft.com/powershell/2004/04";
        Assert.Equal(ns + "Objs", document.Root!.Name);
        Assert.Equal("1.1.0.1", document.Root.Attribute("Version")!.Value);
        var items = document.Root.Elements().ToArray();
        Assert.Equal(3, items.Length);
        Assert.Equal("I32", items[0].Name.LocalName);
        Assert.Equal("5", items[0].Value);
        Assert.Equal("S", items[1].Name.LocalName);
        Assert.Equal("Obj", items[2].Name.LocalName);
    }

    [Fact]
    public async Task Clixml_output_stays_one_readable_document_when_the_pipeline_fails()
    {
        var run = await PsrpApp.RunAsync(["invoke", Target, "-o", "clixml", "-c", "1; 'two'; throw 'broke'"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        var items = XDocument.Parse(run.Stdout).Root!.Elements().ToArray();
        Assert.Equal(["1", "two"], items.Select(i => i.Value));
    }

    [Fact]
    public async Task Piped_standard_input_is_pipeline_input_one_string_per_line()
    {
        var run = await PsrpApp.RunAsync(["invoke", Target, "-c", "$input | ForEach-Object { \"<$_>\" }"], stdin: "first\nsecond line\n");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["<first>", "<second line>"], run.StdoutLines);
    }

    [Fact]
    public async Task A_terminating_error_exits_with_1_and_goes_to_stderr()
    {
        var run = await PsrpApp.RunAsync(["invoke", Target, "-c", "'before'; throw 'it broke'"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(["before"], run.StdoutLines);
        Assert.Contains("it broke", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_statement_terminating_error_is_reported_and_the_script_goes_on()
    {
        // Division by zero, a mistyped command, a failed method call: each ends its statement only,
        // as Invoke-Command runs them (RedirectShellErrorOutputPipe).
        var run = await PsrpApp.RunAsync(["invoke", Target, "-c", "1/0; 'after'; nosuchcommand; 'after2'; [int]::Parse('x'); 'after3'"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["after", "after2", "after3"], run.StdoutLines);
        Assert.Contains("Attempted to divide by zero.", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("'nosuchcommand' is not recognized", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Exception calling \"Parse\"", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// A warning, verbose and debug line, host text through the information stream with the PSHOST tag
    /// (what Write-Host writes; the local endpoint has no Write-Host), and a command's warning sent to $null.
    /// </summary>
    private const string HostStreams = """
        function g { [CmdletBinding()] param() $PSCmdlet.WriteWarning('the silenced warning') }
        function f {
            [CmdletBinding()] param()
            $PSCmdlet.WriteWarning('the warning')
            $PSCmdlet.WriteVerbose('the verbose')
            $PSCmdlet.WriteDebug('the debug')
            $PSCmdlet.WriteInformation('the host text', [string[]]@('PSHOST'))
            g 3>$null
            'the output'
        }
        $DebugPreference = 'Continue'
        f -Verbose
        """;

    private static int Count(string text, string value) => text.Split(value).Length - 1;

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public async Task Warning_verbose_debug_and_host_lines_are_shown_once_on_stderr(string format)
    {
        var run = await PsrpApp.RunAsync(["invoke", Target, "-c", HostStreams, "-o", format]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var all = run.Stdout + run.Stderr;
        foreach (var line in new[] { "WARNING: the warning", "VERBOSE: the verbose", "DEBUG: the debug" })
        {
            Assert.True(Count(run.Stderr, line) == 1 && Count(all, line) == 1, $"'{line}' once, on stderr:\n{run}");
        }

        // Host text goes with text output (stdout), and to stderr under json; once either way.
        Assert.True(Count(format == "text" ? run.Stdout : run.Stderr, "the host text") == 1 && Count(all, "the host text") == 1, run.ToString());

        // 3>$null silences a warning, as in PowerShell: the server still sends its record, but no host call.
        Assert.DoesNotContain("the silenced warning", all, StringComparison.Ordinal);
        Assert.Contains("the output", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("'x'; exit 5; 'never'", 5)]
    [InlineData("exit 0", 0)]
    [InlineData("function f { [CmdletBinding()] param() $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([Exception]::new('e'), 'E', 'NotSpecified', $null)) }; f; exit 3", 3)]
    public async Task Exit_in_the_script_is_the_exit_code(string script, int expected)
    {
        var run = await PsrpApp.RunAsync(["invoke", Target, "-c", script, "--fail-on-error"]);

        Assert.True(run.ExitCode == expected, run.ToString());
        Assert.DoesNotContain("never", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Written_errors_fail_the_run_only_with_fail_on_error()
    {
        const string Script = "function f { [CmdletBinding()] param() $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([Exception]::new('soft failure'), 'Soft', 'NotSpecified', $null)); 'out' }; f";

        var lenient = await PsrpApp.RunAsync(["invoke", Target, "-c", Script]);
        var strict = await PsrpApp.RunAsync(["invoke", Target, "-c", Script, "--fail-on-error"]);

        Assert.True(lenient.ExitCode == 0, lenient.ToString());
        Assert.True(strict.ExitCode == 1, strict.ToString());
        Assert.Equal(["out"], strict.StdoutLines);
        Assert.Contains("soft failure", strict.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_target_opens_a_local_session_through_the_embedded_default()
    {
        var run = await PsrpApp.RunAsync(["invoke", "-c", "6*7"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["42"], run.StdoutLines);
    }

    [Fact]
    public async Task An_unreachable_target_exits_with_3_and_says_why()
    {
        var run = await PsrpApp.RunAsync(["invoke", "process:///nonexistent/dir/pwsh", "-c", "1"]);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains("/nonexistent/dir/pwsh", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("connecting", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_no_installed_provider_serves_exits_with_3_and_lists_what_is_installed()
    {
        var run = await PsrpApp.RunAsync(["invoke", "nosuch://host", "-c", "1"]);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("'nosuch:'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("process", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_credential_password_comes_from_PSRP_PASSWORD_and_is_never_printed()
    {
        const string Secret = "Sup3r-s3cret!";
        var withVariable = await PsrpApp.RunAsync(
            ["invoke", "-ComputerName", "example.invalid", "-UseSSL", "-Credential", @"DOMAIN\user", "-c", "1"],
            environment: new Dictionary<string, string> { ["PSRP_PASSWORD"] = Secret });
        var withoutVariable = await PsrpApp.RunAsync(["invoke", "-ComputerName", "example.invalid", "-UseSSL", "-Credential", "user", "-c", "1"]);

        // The wsman provider takes the password (Basic over HTTPS); the host does not resolve, so connecting fails.
        Assert.True(withVariable.ExitCode == 3, withVariable.ToString());
        Assert.DoesNotContain(Secret, withVariable.Stdout + withVariable.Stderr, StringComparison.Ordinal);

        // No terminal and no variable: a usage error that says what to do.
        Assert.True(withoutVariable.ExitCode == 2, withoutVariable.ToString());
        Assert.Contains("PSRP_PASSWORD", withoutVariable.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-HostName", "a", "-ComputerName", "b")]
    [InlineData("-HostName", "user@host", "-UseSSL")]
    [InlineData("-VMName", "vm1")]
    [InlineData("-Port", "not-a-number")]
    [InlineData("--no-such-option")]
    [InlineData("-Id", "1")]
    public async Task Bad_parameters_exit_with_2_before_connecting(params string[] parameters)
    {
        var run = await PsrpApp.RunAsync(["invoke", .. parameters, "-c", "1"], timeout: TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(string.Empty, run.Stdout);
        Assert.StartsWith("psrp: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enter_with_piped_input_runs_each_line_and_exit_leaves_with_0()
    {
        var run = await PsrpApp.RunAsync(["enter", Target], stdin: "1+2\n'x' * 3\nforeach ($i in 1..2) {\n  'item' + $i\n}\nexit\n'never'\n");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("3", run.StdoutLines);
        Assert.Contains("xxx", run.StdoutLines);

        // An unfinished statement continues on the next lines (">> "), then runs as one.
        Assert.Contains(">>   'item' + $i", run.StdoutLines);
        Assert.Contains("item1", run.StdoutLines);
        Assert.Contains("item2", run.StdoutLines);
        Assert.DoesNotContain("never", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("[", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enter_shows_warning_verbose_debug_and_host_lines_once()
    {
        var run = await PsrpApp.RunAsync(["enter", Target], stdin: HostStreams.ReplaceLineEndings(" ; ").Replace("{ ; ", "{ ", StringComparison.Ordinal) + "\nexit\n");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var line in new[] { "WARNING: the warning", "VERBOSE: the verbose", "DEBUG: the debug", "the host text", "the output" })
        {
            // Whole lines: the echoed command line holds the texts too.
            Assert.True(run.StdoutLines.Count(l => l == line) == 1, $"'{line}' once:\n{run}");
        }

        Assert.DoesNotContain("WARNING: the silenced warning", run.StdoutLines);
    }

    [Fact]
    public async Task Enter_leaves_the_session_on_a_remote_exit_with_its_code()
    {
        // Enter-PSSession leaves the remote session on a remote `exit` (its host pops the runspace);
        // psrp's session is the process, so it ends, with the code as ssh gives it.
        var run = await PsrpApp.RunAsync(["enter", Target], stdin: "'a'; exit 5\n'never'\n");

        Assert.True(run.ExitCode == 5, run.ToString());
        Assert.Contains("a", run.StdoutLines);
        Assert.DoesNotContain("never", run.StdoutLines);
    }

    [Fact]
    public async Task Enter_reports_a_statement_terminating_error_and_runs_the_rest_of_the_line()
    {
        var run = await PsrpApp.RunAsync(["enter", Target], stdin: "1/0; 'after'\nexit\n");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Attempted to divide by zero.", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("after", run.StdoutLines);
    }
}
