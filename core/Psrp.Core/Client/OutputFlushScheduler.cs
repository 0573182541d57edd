namespace Psrp.Client;

/// <summary>
/// Decides when the output a pool's receive step decoded becomes visible to each pipeline's
/// consumer (see <see cref="PipelineOutputQueue"/>): when the receive step has handled all the data
/// at hand and the oldest hidden object has waited <see cref="RunspacePoolOptions.OutputBatchWindow"/>,
/// or else by a timer once that window has passed, so output is never held longer than the window
/// plus the timer's resolution even when the server goes quiet.
/// </summary>
internal sealed class OutputFlushScheduler : IDisposable
{
    private readonly object _gate = new();
    private readonly List<RemotePipeline> _hidden = [];
    private readonly TimeSpan _window;
    private readonly ITimer? _timer;
    private bool _armed;

    public OutputFlushScheduler(TimeSpan window)
    {
        _window = window;
        if (window > TimeSpan.Zero)
        {
            _timer = TimeProvider.System.CreateTimer(static state => ((OutputFlushScheduler)state!).FlushAll(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>A pipeline got output its consumer cannot see yet (called by the receive step).</summary>
    public void Hidden(RemotePipeline pipeline)
    {
        lock (_gate)
        {
            _hidden.Add(pipeline);
        }
    }

    /// <summary>The receive step handled all the data at hand: flush what is due, time the rest.</summary>
    public void Drained()
    {
        lock (_gate)
        {
            if (_hidden.Count == 0)
            {
                return;
            }

            _hidden.RemoveAll(pipeline => pipeline.FlushOutputIfDue(_window));
            if (_hidden.Count > 0 && !_armed)
            {
                _armed = true;
                _timer!.Change(_window, Timeout.InfiniteTimeSpan);
            }
            else if (_hidden.Count == 0 && _armed)
            {
                // Nothing left to time (typically: the pipeline ended right after its output). A timer
                // left armed would still wake a pool thread for nothing, once per short pipeline.
                _armed = false;
                _timer!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void FlushAll()
    {
        lock (_gate)
        {
            _armed = false;
            foreach (var pipeline in _hidden)
            {
                pipeline.FlushOutput();
            }

            _hidden.Clear();
        }
    }

    public void Dispose() => _timer?.Dispose();
}
