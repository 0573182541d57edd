using Psrp.Client;
using Psrp.Messages;

namespace Psrp.Cli.Interactive;

/// <summary>
/// What Ctrl+C does while a remote pipeline runs. The first press stops the pipeline and keeps the
/// session; if the server has not confirmed the stop a few seconds later, the user is told that a
/// second press abandons the session. The second press abandons it at once: <see cref="Abandon"/> is
/// cancelled, the invocation returns (the library gives control back within about a second whatever
/// the server does) and psrp exits 130 without waiting for a frozen or unreachable server.
/// </summary>
internal sealed class StopEscalation : IDisposable
{
    private static readonly TimeSpan ConfirmationWait = TimeSpan.FromSeconds(3);

    private readonly RemotePipeline _pipeline;
    private readonly Action<string> _say;
    private readonly CancellationTokenSource _abandon;
    private Timer? _unconfirmed;
    private int _presses;

    /// <param name="pipeline">The running pipeline.</param>
    /// <param name="say">Shows a line to the user (stderr, or the interactive screen, which owns the console).</param>
    /// <param name="outer">The command's own cancellation.</param>
    public StopEscalation(RemotePipeline pipeline, Action<string> say, CancellationToken outer)
    {
        _pipeline = pipeline;
        _say = say;
        _abandon = CancellationTokenSource.CreateLinkedTokenSource(outer);
    }

    /// <summary>The token the invocation runs under: cancelled by the second Ctrl+C (or the outer token).</summary>
    public CancellationToken Abandon => _abandon.Token;

    /// <summary>True once Ctrl+C was pressed (the pipeline was asked to stop).</summary>
    public bool Stopped => Volatile.Read(ref _presses) > 0;

    /// <summary>True once a second Ctrl+C abandoned the session.</summary>
    public bool Abandoned => Volatile.Read(ref _presses) > 1;

    /// <summary>The Ctrl+C reaction.</summary>
    public void OnInterrupt()
    {
        switch (Interlocked.Increment(ref _presses))
        {
            case 1:
                _ = PipelineStop.QuietlyAsync(_pipeline);
                _unconfirmed = new Timer(_ => SayUnconfirmed(), null, ConfirmationWait, Timeout.InfiniteTimeSpan);
                break;
            case 2:
                _say("psrp: abandoning the session.");
                try
                {
                    _abandon.Cancel();
                }
                catch (ObjectDisposedException)
                {
                }

                break;
        }
    }

    public void Dispose()
    {
        _unconfirmed?.Dispose();
        _abandon.Dispose();
    }

    private void SayUnconfirmed()
    {
        if (_pipeline.State is PSInvocationState.Running or PSInvocationState.Stopping && !Abandoned)
        {
            _say($"psrp: the server has not confirmed the stop after {ConfirmationWait.TotalSeconds:0} s; press Ctrl+C again to abandon the session.");
        }
    }
}
