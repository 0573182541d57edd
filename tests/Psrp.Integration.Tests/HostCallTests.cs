using System.Collections.Concurrent;
using Psrp.Client;
using Psrp.Host;
using Psrp.Runspaces;
using Psrp.Serialization;

namespace Psrp.Integration.Tests;

/// <summary>Host calls from PowerShell's server answered by a test host, with and without the session-key exchange.</summary>
public class HostCallTests
{
    private const string Password = "S3cret-p@ss!";

    private sealed class TestUI : NonInteractiveHostUI
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ConcurrentQueue<string> Calls { get; } = new();

        public override ValueTask<string> ReadLineAsync(CancellationToken cancellationToken)
        {
            Calls.Enqueue("ReadLine");
            return ValueTask.FromResult("typed line");
        }

        public override ValueTask<string> ReadLineAsSecureStringAsync(CancellationToken cancellationToken)
        {
            Calls.Enqueue("ReadLineAsSecureString");
            return ValueTask.FromResult(Password);
        }

        public override void WriteLine(string value, ConsoleColor? foreground = null, ConsoleColor? background = null) => Lines.Enqueue(value);

        public override ValueTask<IReadOnlyDictionary<string, object?>> PromptAsync(string caption, string message, IReadOnlyList<HostFieldDescription> fields, CancellationToken cancellationToken)
        {
            Calls.Enqueue($"Prompt:{caption}:{string.Join(",", fields.Select(f => $"{f.Name}/{f.ParameterTypeName}"))}");
            return ValueTask.FromResult<IReadOnlyDictionary<string, object?>>(fields.ToDictionary(f => f.Name, f => (object?)(f.IsSecureString ? Password : $"value-of-{f.Name}")));
        }

        public override ValueTask<int> PromptForChoiceAsync(string caption, string message, IReadOnlyList<HostChoiceDescription> choices, int defaultChoice, CancellationToken cancellationToken)
        {
            Calls.Enqueue($"Choice:{string.Join(",", choices.Select(c => c.Label))}:{defaultChoice}");
            return ValueTask.FromResult(1);
        }

        public override ValueTask<HostCredential> PromptForCredentialAsync(string caption, string message, string? userName, string? targetName, CancellationToken cancellationToken)
        {
            Calls.Enqueue($"Credential:{caption}:{userName}");
            return ValueTask.FromResult(new HostCredential(userName ?? "someone", Password));
        }
    }

    private sealed class TestHost(TestUI ui) : IPsrpHost
    {
        public string Name => "TestHost";

        public Version Version => new(1, 2, 3);

        public Guid InstanceId { get; } = Guid.NewGuid();

        public System.Globalization.CultureInfo CurrentCulture => System.Globalization.CultureInfo.InvariantCulture;

        public System.Globalization.CultureInfo CurrentUICulture => System.Globalization.CultureInfo.InvariantCulture;

        public IPsrpHostUI? UI => ui;

        public void SetShouldExit(int exitCode)
        {
        }

        public void NotifyBeginApplication()
        {
        }

        public void NotifyEndApplication()
        {
        }
    }

    public static TheoryData<string> Versions => new() { "2.4", "2.3", "2.2" };

    private static async Task<(RunspacePool Pool, TestUI UI)> OpenAsync(string version)
    {
        var ui = new TestUI();
        var options = new RunspacePoolOptions
        {
            Host = new TestHost(ui),
            Settings = new RunspacePoolSettings { ProtocolVersion = Version.Parse(version) },
        };
        var (pool, _) = await LocalServer.OpenAsync(options);
        return (pool, ui);
    }

    private static async Task<object?> Single(RunspacePool pool, string script) => (await pool.InvokeScriptAsync(script)).Single()?.BaseValue;

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task ReadLine_IsAnsweredByTheHost(string version)
    {
        var (pool, ui) = await OpenAsync(version);
        await using (pool)
        {
            Assert.Equal("typed line", await Single(pool, "$host.UI.ReadLine()"));
            Assert.Contains("ReadLine", ui.Calls);
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task SecureStrings_TravelEncryptedOrPlainAsTheProtocolSays(string version)
    {
        var (pool, ui) = await OpenAsync(version);
        await using (pool)
        {
            Assert.Equal(Password, await Single(pool, "[System.Net.NetworkCredential]::new('', $host.UI.ReadLineAsSecureString()).Password"));
            var credential = await Single(pool, "$c = $host.UI.PromptForCredential('Cap', 'Msg', 'alice', 'target'); $c.UserName + '|' + $c.GetNetworkCredential().Password");
            Assert.Equal($"alice|{Password}", credential);
            Assert.Contains("Credential:Cap:alice", ui.Calls);

            // And the other way: a SecureString the server sends is readable here.
            var secure = Assert.IsType<PsSecureString>(await Single(pool, $"[System.Net.NetworkCredential]::new('', '{Password}').SecurePassword"));
            Assert.Equal(Password, await pool.UnprotectAsync(secure));
        }
    }

    [Fact]
    public async Task PromptAndChoice_AreAnswered()
    {
        var (pool, ui) = await OpenAsync("2.4");
        await using (pool)
        {
            var fields = """
                $f1 = [System.Management.Automation.Host.FieldDescription]::new('Name')
                $f2 = [System.Management.Automation.Host.FieldDescription]::new('Secret')
                $f2.SetParameterType([securestring])
                $r = $host.UI.Prompt('Caption', 'Message', [System.Collections.ObjectModel.Collection[System.Management.Automation.Host.FieldDescription]]@($f1, $f2))
                $r['Name'] + '|' + [System.Net.NetworkCredential]::new('', $r['Secret']).Password
                """;
            Assert.Equal($"value-of-Name|{Password}", await Single(pool, fields));
            Assert.Contains("Prompt:Caption:Name/String,Secret/SecureString", ui.Calls);

            var choice = """
                $choices = [System.Collections.ObjectModel.Collection[System.Management.Automation.Host.ChoiceDescription]]@(
                    [System.Management.Automation.Host.ChoiceDescription]::new('&Yes', 'yes'),
                    [System.Management.Automation.Host.ChoiceDescription]::new('&No', 'no'))
                $host.UI.PromptForChoice('Pick', 'Which?', $choices, 0)
                """;
            Assert.Equal(1, await Single(pool, choice));
            Assert.Contains("Choice:&Yes,&No:0", ui.Calls);

            await pool.InvokeScriptAsync("$host.UI.WriteLine('hello host')");
            Assert.Contains("hello host", ui.Lines);
        }
    }

    // A failed method call ends only its statement (RedirectShellErrorOutputPipe, as PowerShell's client sends it);
    // with ErrorActionPreference Stop it fails the pipeline, which is where these tests read the error.
    private const string FailingReadLine = "$ErrorActionPreference = 'Stop'; $host.UI.ReadLine()";

    [Fact]
    public async Task WithoutAHost_PromptsFailClearly()
    {
        var (pool, _) = await LocalServer.OpenAsync();
        await using (pool)
        {
            var ex = await Assert.ThrowsAsync<PipelineFailedException>(() => pool.InvokeScriptAsync(FailingReadLine));
            Assert.NotNull(ex.ErrorRecord);
            Assert.False(string.IsNullOrWhiteSpace(ex.ErrorRecord.Message));
        }
    }

    private sealed class SlowHost : NonInteractiveHost
    {
        public ConcurrentQueue<string> Handled { get; } = new();

        public int? ExitCode { get; private set; }

        public SlowHost()
            : base(new SlowWriter())
        {
            ((SlowWriter)((NonInteractiveHostUI)UI!).Output!).Lines = Handled;
        }

        public override void SetShouldExit(int exitCode) => ExitCode = exitCode;

        private sealed class SlowWriter : StringWriter
        {
            public ConcurrentQueue<string>? Lines { get; set; }

            public override void WriteLine(string? value)
            {
                // A host that takes its time (a slow terminal): the pipeline ends while calls still wait.
                Thread.Sleep(150);
                Lines!.Enqueue(value ?? string.Empty);
            }
        }
    }

    [Fact]
    public async Task HostCalls_made_before_the_pipeline_ended_are_all_handled()
    {
        var host = new SlowHost();
        var (pool, _) = await LocalServer.OpenAsync(new RunspacePoolOptions { Host = host });
        await using (pool)
        {
            await pool.InvokeScriptAsync("1..5 | ForEach-Object { $host.UI.WriteWarningLine(\"w$_\") }; exit 7");

            Assert.Equal(["WARNING: w1", "WARNING: w2", "WARNING: w3", "WARNING: w4", "WARNING: w5"], host.Handled);
            Assert.Equal(7, host.ExitCode);

            // The first host call of a pipeline, made just before it ends: its loop starts late.
            for (var i = 0; i < 20; i++)
            {
                await pool.InvokeScriptAsync($"exit {i}");
                Assert.Equal(i, host.ExitCode);
            }
        }
    }

    [Fact]
    public async Task NonInteractiveHost_FailsPromptsWithItsOwnMessage()
    {
        var options = new RunspacePoolOptions { Host = new NonInteractiveHost() };
        var (pool, _) = await LocalServer.OpenAsync(options);
        await using (pool)
        {
            var ex = await Assert.ThrowsAsync<PipelineFailedException>(() => pool.InvokeScriptAsync(FailingReadLine));
            Assert.Contains("non-interactive", ex.Message, StringComparison.Ordinal);
        }
    }
}
