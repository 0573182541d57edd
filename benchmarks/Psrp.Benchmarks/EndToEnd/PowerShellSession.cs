using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace Psrp.Benchmarks.EndToEnd;

/// <summary>
/// PowerShell's own client (System.Management.Automation 7.6.9 in this process): an out-of-process
/// runspace from <see cref="RunspaceFactory.CreateOutOfProcessRunspace(TypeTable, PowerShellProcessInstance)"/>,
/// whose <see cref="PowerShellProcessInstance"/> starts <c>$PSHOME/pwsh -s -NoLogo -NoProfile</c>
/// (the shim <see cref="PwshShim"/> puts there, which runs the LocalServer). Pipelines run with
/// <see cref="PowerShell.Invoke()"/>, the usual synchronous call that returns the whole output.
/// </summary>
public sealed class PowerShellSession : IE2eSession
{
    private readonly PowerShellProcessInstance? _process;
    private readonly Runspace _runspace;

    /// <summary>A session on a runspace opened elsewhere (e.g. over SSH); the session disposes it.</summary>
    public PowerShellSession(Runspace runspace)
        : this(null, runspace)
    {
    }

    private PowerShellSession(PowerShellProcessInstance? process, Runspace runspace)
    {
        _process = process;
        _runspace = runspace;
    }

    /// <summary>The file <see cref="PowerShellProcessInstance"/> starts (empty for a runspace opened elsewhere).</summary>
    public string ProcessFileName => _process?.Process.StartInfo.FileName ?? string.Empty;

    /// <summary>Starts <c>$PSHOME/pwsh</c> and opens a runspace on it (synchronously, as PowerShell's API does).</summary>
    public static Task<IE2eSession> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var process = new PowerShellProcessInstance();
        Runspace? runspace = null;
        try
        {
            // A null type table is what a program without a PowerShell session of its own has at hand.
            runspace = RunspaceFactory.CreateOutOfProcessRunspace(null, process);
            runspace.Open();
            return Task.FromResult<IE2eSession>(new PowerShellSession(process, runspace));
        }
        catch
        {
            runspace?.Dispose();
            process.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public Task<E2eOutput> RunAsync(string script, string? touchProperty, int pipelines, CancellationToken cancellationToken)
    {
        var output = default(E2eOutput);
        for (var i = 0; i < pipelines; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript(script);
            foreach (var item in ps.Invoke())
            {
                output = output.With(touchProperty is null ? item?.BaseObject : item?.Properties[touchProperty]?.Value);
            }
        }

        return Task.FromResult(output);
    }

    /// <inheritdoc />
    public Task<E2eOutput> RunWithInputAsync(string script, IReadOnlyList<string> input, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var output = default(E2eOutput);
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);

        // Invoke(input) is how a program hands PowerShell a ready collection: it streams it as pipeline input.
        foreach (var item in ps.Invoke(input))
        {
            output = output.With(item?.BaseObject);
        }

        return Task.FromResult(output);
    }

    /// <inheritdoc />
    public Task<string> RunToTextAsync(string script, CancellationToken cancellationToken)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        return Task.FromResult(string.Join(Environment.NewLine, ps.Invoke().Select(i => i?.BaseObject?.ToString())));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _runspace.Dispose();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
