using System.Text.RegularExpressions;

namespace Psrp.Cli.Tests.Terminal;

/// <summary>
/// <c>psrp enter</c> in a real terminal (tmux), typed at as a user types, against the local endpoint.
/// </summary>
public partial class EnterTerminalTests
{
    private const string Prompt = "[localhost]: PS ";
    private const string ExitMarker = "PSRP-EXIT=";

    /// <summary>The shell command tmux runs: psrp, then its exit code on screen, then a pause so the screen stays readable.</summary>
    private static string Command(params string[] args) =>
        $"'{PsrpApp.DotNet}' '{PsrpApp.Dll}' {string.Join(' ', args.Select(a => $"'{a}'"))}; echo {ExitMarker}$?; sleep 600";

    [Fact]
    public async Task A_local_session_runs_commands_answers_prompts_survives_ctrl_c_and_exits_with_0()
    {
        using var terminal = Tmux.Start(Command("enter"));

        // No target: the embedded default opens a local session and shows the remote location.
        var screen = await terminal.WaitForTextAsync(Prompt, timeout: TimeSpan.FromSeconds(60));
        Assert.Matches(@"\[localhost\]: PS /\S*> ", screen);

        terminal.TypeLine("1+1");
        await terminal.WaitForAsync(s => Lines(s).Contains("2"), "the output 2");

        terminal.TypeLine("[pscustomobject]@{Name='psrp'; Answer=42}");
        screen = await terminal.WaitForAsync(s => Lines(s).Any(l => Regex.IsMatch(l, @"^psrp\s+42$")), "a table row");
        Assert.Contains(Lines(screen), l => Regex.IsMatch(l, @"^Name\s+Answer$"));

        // Read-Host's host call: what the remote end reads comes from this console.
        terminal.TypeLine("$host.UI.Write('Your name: '); $n = $host.UI.ReadLine(); \"Hello, $n!\"");
        await terminal.WaitForAsync(s => Lines(s).Any(l => l == "Your name:" || l == "Your name: "), "the Read-Host prompt");
        terminal.TypeLine("Ada");
        await terminal.WaitForAsync(s => Lines(s).Contains("Hello, Ada!"), "the answered prompt's output");
        // The output shows before the next prompt is drawn: count prompts only once that prompt is there.
        await terminal.WaitForAsync(s => Lines(s).LastOrDefault(l => l.Length > 0)?.StartsWith(Prompt) == true, "the prompt after the answered prompt");

        // Ctrl+C stops the running pipeline; the session lives on.
        var prompts = Tmux.Occurrences(terminal.Capture(), Prompt);
        terminal.TypeLine("while ($true) {}");
        await terminal.WaitForTextAsync("while ($true) {}");
        await Task.Delay(500);
        Assert.Equal(prompts, Tmux.Occurrences(terminal.Capture(), Prompt));
        terminal.Keys("C-c");
        await terminal.WaitForTextAsync(Prompt, prompts + 1);
        terminal.TypeLine("'still ' + 'here'");
        await terminal.WaitForAsync(s => Lines(s).Contains("still here"), "output after Ctrl+C");

        terminal.TypeLine("exit");
        screen = await terminal.WaitForTextAsync(ExitMarker);
        Assert.Contains(ExitMarker + "0", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_frozen_server_is_reported_after_the_first_ctrl_c_and_the_second_leaves_with_130()
    {
        using var terminal = Tmux.Start(Command("enter", PsrpApp.LocalTarget));
        await terminal.WaitForTextAsync(Prompt, timeout: TimeSpan.FromSeconds(60));
        terminal.TypeLine("'server-pid=' + $PID");
        var screen = await terminal.WaitForAsync(s => Regex.IsMatch(s, @"server-pid=\d+"), "the server's pid");
        var serverPid = int.Parse(Regex.Match(screen, @"server-pid=(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        terminal.TypeLine("while ($true) {}");
        await terminal.WaitForTextAsync("while ($true) {}");
        await Task.Delay(500);
        using (var stop = System.Diagnostics.Process.Start("kill", ["-STOP", serverPid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await stop.WaitForExitAsync();
        }

        try
        {
            terminal.Keys("C-c");
            await terminal.WaitForTextAsync("press Ctrl+C again to abandon the session", timeout: TimeSpan.FromSeconds(15));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            terminal.Keys("C-c");
            screen = await terminal.WaitForTextAsync(ExitMarker, timeout: TimeSpan.FromSeconds(15));
            Assert.Contains(ExitMarker + "130", screen, StringComparison.Ordinal);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"leaving took {clock.Elapsed}");
        }
        finally
        {
            using var resume = System.Diagnostics.Process.Start("kill", ["-CONT", serverPid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await resume.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Choices_secrets_credentials_and_history_are_handled_at_the_console_and_Exit_PSSession_leaves()
    {
        using var terminal = Tmux.Start(Command("enter", PsrpApp.LocalTarget));
        await terminal.WaitForTextAsync(Prompt, timeout: TimeSpan.FromSeconds(60));

        terminal.TypeLine("$c = $host.UI.PromptForChoice('Deploy', 'Go ahead?', [System.Management.Automation.Host.ChoiceDescription[]]@('&Yes', '&No'), 0); \"choice=$c\"");
        await terminal.WaitForTextAsync("[Y] Yes  [N] No  [?] Help (default is \"Y\"):");
        terminal.TypeLine("n");
        await terminal.WaitForAsync(s => Lines(s).Contains("choice=1"), "the chosen index");

        // A secure read echoes stars, never the secret.
        terminal.TypeLine("$host.UI.Write('Secret: '); $s = $host.UI.ReadLineAsSecureString(); 'length=' + $s.Length");
        await terminal.WaitForAsync(s => Lines(s).Any(l => l.StartsWith("Secret:", StringComparison.Ordinal)), "the secret prompt");
        terminal.TypeLine("hunter2");
        var screen = await terminal.WaitForAsync(s => Lines(s).Contains("length=7"), "the secret's length");
        Assert.DoesNotContain("hunter2", screen, StringComparison.Ordinal);
        Assert.Contains("Secret: *******", screen, StringComparison.Ordinal);

        terminal.TypeLine("$k = $host.UI.PromptForCredential('Login', 'Sign in', 'bob', ''); $k.UserName + ':' + $k.GetNetworkCredential().Password.Length");
        await terminal.WaitForTextAsync("Password for user bob:");
        terminal.TypeLine("s3cret");
        screen = await terminal.WaitForAsync(s => Lines(s).Contains("bob:6"), "the credential");
        Assert.DoesNotContain("s3cret", screen, StringComparison.Ordinal);

        // Up recalls the previous line.
        terminal.TypeLine("'hist-' + (40 + 2)");
        await terminal.WaitForAsync(s => Lines(s).Count(l => l == "hist-42") == 1, "the first run");
        terminal.Keys("Up");
        terminal.Keys("Enter");
        await terminal.WaitForAsync(s => Lines(s).Count(l => l == "hist-42") == 2, "the recalled run");

        terminal.TypeLine("Exit-PSSession");
        screen = await terminal.WaitForTextAsync(ExitMarker);
        Assert.Contains(ExitMarker + "0", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_is_drawn_as_a_live_bar_and_errors_are_red()
    {
        using var terminal = Tmux.Start(Command("enter", PsrpApp.LocalTarget));
        await terminal.WaitForTextAsync(Prompt, timeout: TimeSpan.FromSeconds(60));

        // The local endpoint has no Write-Progress cmdlet; an advanced function reaches the same stream.
        terminal.TypeLine("function Copy-Slowly { [CmdletBinding()] param() foreach ($i in 1..30) { $r = [System.Management.Automation.ProgressRecord]::new(1, 'Copying', \"file $i\"); $r.PercentComplete = $i * 100 / 30; $PSCmdlet.WriteProgress($r); [Threading.Thread]::Sleep(100) }; 'copied' }");
        await terminal.WaitForTextAsync(Prompt, 2);
        terminal.TypeLine("Copy-Slowly");
        var screen = await terminal.WaitForAsync(s => ProgressBar().IsMatch(s), "a progress bar");
        Assert.DoesNotContain(Lines(screen), l => l == "copied");
        screen = await terminal.WaitForAsync(s => Lines(s).Contains("copied"), "the command's output");
        await terminal.WaitForTextAsync(Prompt, 3);
        Assert.DoesNotMatch(ProgressBar(), terminal.Capture());

        terminal.TypeLine("Get-NoSuchCommand");
        await terminal.WaitForTextAsync("not recognized");
        var colored = terminal.CaptureWithColors();
        Assert.Matches(@"\u001b\[(?:1;)?91m[^\n]*Get-NoSuchCommand[^\n]*not recognized", colored);

        terminal.TypeLine("exit");
        screen = await terminal.WaitForTextAsync(ExitMarker);
        Assert.Contains(ExitMarker + "0", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_credential_user_is_asked_for_the_password_without_echo()
    {
        using var terminal = Tmux.Start(Command("enter", "-ComputerName", "example.invalid", "-UseSSL", "-Credential", "alice"));

        await terminal.WaitForTextAsync("Password for user alice:");
        terminal.TypeLine("pa55word");

        // The host does not resolve: connecting (Basic over HTTPS) fails after the prompt, clearly.
        var screen = await terminal.WaitForTextAsync(ExitMarker);
        Assert.Contains(ExitMarker + "3", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55word", screen, StringComparison.Ordinal);
        Assert.Contains("psrp: ", screen, StringComparison.Ordinal);
    }

    private static string[] Lines(string screen) => screen.Split('\n').Select(l => l.TrimEnd()).ToArray();

    [GeneratedRegex(@"Copying \[#*\.*\] \d+% file \d+")]
    private static partial Regex ProgressBar();
}
