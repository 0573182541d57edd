namespace Psrp.Client;

/// <summary>
/// The ids of the pipelines a pool ran most recently and no longer tracks. A message for one of
/// them is late (the server had not stopped yet when the pipeline ended here) and is dropped; a
/// message for a pipeline id that is neither running nor here was never this client's, which is a
/// protocol error. Bounded: a pool may run millions of pipelines, and a late message arrives soon
/// after its pipeline ends, not thousands of pipelines later.
/// </summary>
internal sealed class RetiredPipelineIds
{
    private const int Capacity = 4096;

    private readonly HashSet<Guid> _ids = [];
    private readonly Queue<Guid> _order = new();

    public void Add(Guid id)
    {
        lock (_ids)
        {
            if (!_ids.Add(id))
            {
                return;
            }

            _order.Enqueue(id);
            if (_order.Count > Capacity)
            {
                _ids.Remove(_order.Dequeue());
            }
        }
    }

    public bool Contains(Guid id)
    {
        lock (_ids)
        {
            return _ids.Contains(id);
        }
    }
}
