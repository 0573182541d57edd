namespace Psrp.Client;

/// <summary>
/// PowerShell's per-command receive quota (<c>MaximumReceivedDataSizePerCommand</c>): the fragment
/// bytes received on one pipeline's channel, every stream together, counted as they arrive. Only the
/// pool's receive loop touches it, so it needs no lock.
/// </summary>
internal sealed class CommandDataQuota(int? limit)
{
    private readonly Dictionary<Guid, long> _received = [];

    /// <summary>The limit in bytes, or null for none (PowerShell's client default).</summary>
    public int? Limit => limit;

    /// <summary>Counts <paramref name="bytes"/> for <paramref name="pipelineId"/>; true when that takes it past the limit.</summary>
    public bool Exceeds(Guid pipelineId, int bytes)
    {
        if (limit is not { } max || pipelineId == Guid.Empty)
        {
            // The pool channel is unlimited, as in PowerShell: only objects are bounded there.
            return false;
        }

        _received.TryGetValue(pipelineId, out var total);
        total += bytes;
        _received[pipelineId] = total;
        return total > max;
    }

    /// <summary>Forgets a pipeline that is gone.</summary>
    public void Forget(Guid pipelineId) => _received.Remove(pipelineId);
}
