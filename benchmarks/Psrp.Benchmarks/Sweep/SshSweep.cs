using Psrp.Benchmarks.EndToEnd;
using Psrp.Benchmarks.Ssh;
using Psrp.Providers.OpenSsh;
using Psrp.Providers.Ssh;
using Psrp.Transport;

namespace Psrp.Benchmarks.Sweep;

/// <summary>
/// <c>--sweep-ssh [ROUNDS] [--quick]</c>: fragment size and packing over SSH. One private sshd (the one the
/// <c>--ssh</c> benchmark starts: <see cref="PrivateSshd"/>, whose <c>powershell</c> subsystem is PowerShell's
/// own server); every (provider, configuration) pair gets its own SSH connection and server, for our in-process
/// SSH.NET provider and our openssh provider; PowerShell's SSH client (the same ssh binary) is the baseline.
/// Each row's "/ defaults" ratio is to its own provider's defaults.
/// </summary>
public static class SshSweep
{
    /// <summary>Starts sshd, opens every session, runs the sweep and closes everything.</summary>
    public static async Task RunAsync(int rounds, bool quick, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var sshd = await PrivateSshd.StartAsync(cancellationToken).ConfigureAwait(false);
        await using var sshdLifetime = sshd.ConfigureAwait(false);
        output.WriteLine($"sshd: pid {sshd.ProcessId}, 127.0.0.1:{sshd.Port}, subsystem powershell = {sshd.SubsystemScript}");
        var configurations = SweepConfiguration.ForSsh(quick);
        (string Name, Func<ITransportProvider> Create)[] providers =
        [
            (SshClients.OursInProcess, () => new SshTransportProvider()),
            (SshClients.OursOpenSsh, () => new OpenSshTransportProvider()),
        ];
        var sessions = new List<SweepSession>();
        try
        {
            foreach (var (provider, create) in providers)
            {
                foreach (var configuration in configurations)
                {
                    var session = await SshClients.OpenOursAsync(create(), sshd, configuration.Transport ?? TransportOptions.Default, cancellationToken).ConfigureAwait(false);
                    sessions.Add(new($"{provider}: {configuration.Name}", session, configuration.Workloads));
                    await ThroughSshdAsync(session, provider, cancellationToken).ConfigureAwait(false);
                }
            }

            var baseline = await SshClients.Against(sshd).Single(c => c.Name == SshClients.PowerShell).OpenAsync(cancellationToken).ConfigureAwait(false);
            sessions.Add(new(SweepRunner.PowerShell, baseline, configurations[0].Workloads));
            await ThroughSshdAsync(baseline, SshClients.PowerShell, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"{sessions.Count} sessions open, load average {EndToEndBenchmark.LoadAverage()}");
            await SweepRunner.RunAsync(sessions, name => DefaultsOf(name, configurations[0].Name), rounds, output, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await TuningSweep.DisposeAllAsync(sessions).ConfigureAwait(false);
        }
    }

    /// <summary>The defaults row of the provider a row belongs to (the text before ": ").</summary>
    private static string DefaultsOf(string name, string defaults)
    {
        var colon = name.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? name : $"{name[..colon]}: {defaults}";
    }

    /// <summary>Only sshd's subsystem script runs the LocalServer with -sshs: the session really went through sshd.</summary>
    private static async Task ThroughSshdAsync(IE2eSession session, string client, CancellationToken cancellationToken)
    {
        var who = await session.RunToTextAsync(EndToEndBenchmark.WhoScript, cancellationToken).ConfigureAwait(false);
        if (!who.Contains("Psrp.LocalServer.dll", StringComparison.Ordinal) || !who.Contains("-sshs", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{client} is not talking to the LocalServer through sshd's powershell subsystem: {who}");
        }
    }
}
