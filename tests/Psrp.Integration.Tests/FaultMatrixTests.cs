using System.Diagnostics;
using Psrp.Client;
using Psrp.Host;
using Psrp.Providers.Process;
using Psrp.Tests.Shared;
using Psrp.Transport;
using Xunit.Abstractions;

namespace Psrp.Integration.Tests;

/// <summary>
/// Issue #16 item 15, the process transport's column: PowerShell's own server killed, frozen, or
/// writing garbage on stdout at each phase of a session. Every waiter ends with a typed error
/// within 5 s of the fault; against a frozen server a cancellation returns within 2 s; and no
/// server process is left behind.
/// </summary>
public sealed class FaultMatrixTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>
    /// Stands between the client and the real server, forwarding both ways line by line, and writes
    /// one line that is not a packet when its trigger fires: the nth client line matching a pattern (the
    /// garbage then precedes any answer to it) or a file appearing. Writes the server's pid to a file.
    /// </summary>
    private const string GarbageWrapper = """
        import ctypes, os, re, subprocess, sys, threading, time
        mode, arg, pidfile = sys.argv[1], sys.argv[2], sys.argv[3]
        def die_with_parent():
            ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
        child = subprocess.Popen(sys.argv[4:], stdin=subprocess.PIPE, stdout=subprocess.PIPE, preexec_fn=die_with_parent)
        with open(pidfile + '.tmp', 'w') as f:
            f.write(str(child.pid))
        os.rename(pidfile + '.tmp', pidfile)
        out = sys.stdout.buffer
        lock = threading.Lock()
        done = [False]
        def inject():
            with lock:
                if not done[0]:
                    done[0] = True
                    out.write(b'this is not a packet\n')
                    out.flush()
        def pump_out():
            for line in child.stdout:
                with lock:
                    out.write(line)
                    out.flush()
            os._exit(0)
        def watch_file():
            while not os.path.exists(arg):
                time.sleep(0.02)
            inject()
        threading.Thread(target=pump_out, daemon=True).start()
        if mode == 'file':
            threading.Thread(target=watch_file, daemon=True).start()
        if mode == 'stdin':
            nth, regex = arg.split(':', 1)
            left, pattern = [int(nth)], re.compile(regex.encode())
        try:
            for line in sys.stdin.buffer:
                if mode == 'stdin' and pattern.search(line):
                    left[0] -= 1
                    if left[0] == 0:
                        inject()
                child.stdin.write(line)
                child.stdin.flush()
            child.stdin.close()
        except BrokenPipeError:
            pass
        child.wait()
        os._exit(0)
        """;

    private static readonly TimeSpan FaultBudget = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CancelBudget = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CancelAfter = TimeSpan.FromSeconds(1);

    private readonly string _dir = Directory.CreateTempSubdirectory("psrp-faults-").FullName;

    public enum Fault
    {
        Killed,
        Frozen,
        Garbage,
    }

    public enum Phase
    {
        Open,
        PipelineStart,
        MidStream,
        HostCall,
        Close,
    }

    public static TheoryData<Fault, Phase> Cells()
    {
        var data = new TheoryData<Fault, Phase>();
        foreach (var fault in Enum.GetValues<Fault>())
        {
            foreach (var phase in Enum.GetValues<Phase>())
            {
                data.Add(fault, phase);
            }
        }

        return data;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task EveryWaiterEndsTyped_AndNoServerIsLeft(Fault fault, Phase phase)
    {
        var trigger = Path.Combine(_dir, "inject");
        var childPidFile = Path.Combine(_dir, "child.pid");
        var transportOptions = fault == Fault.Garbage ? WrapperOptions(phase, trigger, childPidFile) : LocalServer.TransportOptions;
        var ui = new BlockingUI();
        var poolOptions = new RunspacePoolOptions
        {
            Host = new PsrpHost(ui),
            OpenTimeout = TimeSpan.FromSeconds(60),
            CloseTimeout = TimeSpan.FromSeconds(2),
        };

        var transport = await new ProcessTransportProvider().ConnectAsync(transportOptions);
        var pids = new List<int> { transport.ProcessId };
        if (fault == Fault.Garbage)
        {
            pids.Add(await ReadChildPidAsync(childPidFile));
        }

        RunspacePool? pool = null;
        try
        {
            var clock = new Stopwatch();
            using var cancel = new CancellationTokenSource();

            // The fault, at the moment the phase is under way; the clock starts when it is detectable.
            async Task InjectAsync()
            {
                switch (fault)
                {
                    case Fault.Killed:
                        using (var process = Process.GetProcessById(transport.ProcessId))
                        {
                            process.Kill();
                        }

                        clock.Start();
                        break;
                    case Fault.Frozen:
                        await LocalServer.SignalAsync(transport.ProcessId, "-STOP");
                        cancel.CancelAfter(CancelAfter);
                        clock.Start();
                        break;
                    case Fault.Garbage:
                        await File.WriteAllTextAsync(trigger, "now");
                        clock.Start();
                        break;
                }
            }

            if (phase == Phase.Open)
            {
                if (fault == Fault.Frozen)
                {
                    await InjectAsync();
                }

                var open = RunspacePool.OpenAsync(transport, poolOptions, cancel.Token);
                if (fault == Fault.Killed)
                {
                    await InjectAsync();
                }
                else if (fault == Fault.Garbage)
                {
                    clock.Start(); // the wrapper answers the client's first line with garbage
                }

                await AssertEndsAsync(output, fault, phase, clock, cancel, () => open);
                return;
            }

            using (var opening = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                pool = await RunspacePool.OpenAsync(transport, poolOptions, opening.Token);
            }

            Assert.Equal(2, (await pool.InvokeScriptAsync("1 + 1")).Single()!.BaseValue);

            switch (phase)
            {
                case Phase.PipelineStart:
                {
                    if (fault == Fault.Frozen)
                    {
                        await InjectAsync();
                    }

                    var invoke = pool.InvokeScriptAsync("Start-Sleep -Seconds 60", cancel.Token);
                    if (fault == Fault.Killed)
                    {
                        await InjectAsync();
                    }
                    else if (fault == Fault.Garbage)
                    {
                        clock.Start(); // the wrapper writes garbage on seeing the pipeline's Command packet
                    }

                    await AssertEndsAsync(output, fault, phase, clock, cancel, () => invoke);
                    break;
                }

                case Phase.MidStream:
                {
                    var items = pool.CreatePipeline().AddScript("1..100000000 | ForEach-Object { $_ }").InvokeAsync(cancellationToken: cancel.Token).GetAsyncEnumerator();
                    await using (items)
                    {
                        Assert.True(await items.MoveNextAsync());
                        await InjectAsync();
                        await AssertEndsAsync(output, fault, phase, clock, cancel, async () =>
                        {
                            while (await items.MoveNextAsync())
                            {
                            }
                        });
                    }

                    break;
                }

                case Phase.HostCall:
                {
                    var invoke = pool.InvokeScriptAsync("$host.UI.ReadLine()", cancel.Token);
                    var call = await ui.Called.Task.WaitAsync(TimeSpan.FromSeconds(60));
                    await InjectAsync();
                    await AssertEndsAsync(output, fault, phase, clock, cancel, () => invoke);

                    // The host call is a waiter too: its token is cancelled when the session ends.
                    await AssertWithinAsync(call, FaultBudget, clock, "the host call's token");
                    break;
                }

                case Phase.Close:
                {
                    if (fault == Fault.Frozen)
                    {
                        await InjectAsync();
                    }

                    var close = pool.CloseAsync(cancel.Token);
                    if (fault == Fault.Killed)
                    {
                        await InjectAsync();
                    }
                    else if (fault == Fault.Garbage)
                    {
                        clock.Start(); // the wrapper writes garbage on seeing the session's Close packet
                    }

                    // Closing a session whose server failed still closes it: no error, or a typed one.
                    await AssertEndsAsync(output, fault, phase, clock, cancel, () => close, successAllowed: true);
                    break;
                }
            }
        }
        finally
        {
            if (pool is not null)
            {
                await pool.DisposeAsync();
            }
            else
            {
                await transport.DisposeAsync();
            }

            await AssertAllEndedAsync(pids);
        }
    }

    private ProcessTransportOptions WrapperOptions(Phase phase, string trigger, string childPidFile)
    {
        var script = Path.Combine(_dir, "garbage.py");
        File.WriteAllText(script, GarbageWrapper);
        var (mode, arg) = phase switch
        {
            Phase.Open => ("stdin", "1:."),
            Phase.PipelineStart => ("stdin", "2:^<Command "), // the first is the 1 + 1 run once the pool is open
            Phase.Close => ("stdin", "1:^<Close PSGuid='00000000-0000-0000-0000-000000000000'"),
            _ => ("file", trigger),
        };
        var server = ServerCommand.Resolve(LocalServer.TransportOptions);
        return new ProcessTransportOptions
        {
            FileName = "python3",
            Arguments = ["-u", script, mode, arg, childPidFile, server.FileName, .. server.Arguments],
        };
    }

    /// <summary>
    /// The waiter ends within the budget: with a typed error for a killed server or garbage, with a
    /// cancellation (or a typed error) within 2 s of the cancel for a frozen one.
    /// </summary>
    private static async Task AssertEndsAsync(ITestOutputHelper output, Fault fault, Phase phase, Stopwatch clock, CancellationTokenSource cancel, Func<Task> waiter, bool successAllowed = false)
    {
        // A cancelled open or close disposes the transport before it returns, and that gives the frozen
        // server the process provider's ExitGracePeriod to exit before killing it: the 2 s of a
        // cancellation are spent on top of that grace (an abort without the grace would need a way
        // to tell the transport the session is being abandoned).
        var grace = phase is Phase.Open or Phase.Close ? new ProcessTransportOptions().ExitGracePeriod : TimeSpan.Zero;
        var budget = fault == Fault.Frozen ? CancelAfter + grace + CancelBudget : FaultBudget;
        Exception? error = null;
        try
        {
            await AssertWithinAsync(waiter(), budget + TimeSpan.FromSeconds(30), clock, "the waiter");
        }
        catch (Exception ex)
        {
            error = ex;
        }

        FaultVerdict.Judge(error, clock.Elapsed, budget, fault.ToString(), "server", fault == Fault.Frozen, cancel.IsCancellationRequested, successAllowed, output.WriteLine);
    }

    private static async Task AssertWithinAsync(Task task, TimeSpan limit, Stopwatch clock, string what)
    {
        try
        {
            await task.WaitAsync(limit);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            Assert.Fail($"{what} still waits {clock.Elapsed} after the fault");
        }
    }

    private static async Task<int> ReadChildPidAsync(string path)
    {
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(path))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the garbage wrapper did not start the server");
            await Task.Delay(20);
        }

        return int.Parse(await File.ReadAllTextAsync(path), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Disposing the pool (or transport) ends the server, stopped or not; a leftover is killed here and fails the test.</summary>
    private static async Task AssertAllEndedAsync(IEnumerable<int> pids)
    {
        var left = new List<int>();
        foreach (var pid in pids)
        {
            var deadline = Stopwatch.StartNew();
            while (IsRunning(pid) && deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50);
            }

            if (IsRunning(pid))
            {
                left.Add(pid);
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
        }

        Assert.True(left.Count == 0, $"server processes left behind: {string.Join(", ", left)}");
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A host whose Read-Host never answers until its token is cancelled.</summary>
    private sealed class BlockingUI : NonInteractiveHostUI
    {
        public TaskCompletionSource<Task> Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<string> ReadLineAsync(CancellationToken cancellationToken)
        {
            var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = cancellationToken.Register(() => cancelled.TrySetResult());
            Called.TrySetResult(cancelled.Task);
            await cancelled.Task;
            throw new OperationCanceledException(cancellationToken);
        }
    }
}
