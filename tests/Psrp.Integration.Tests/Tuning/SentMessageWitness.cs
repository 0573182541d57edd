using System.Collections.Concurrent;
using Psrp.Fragments;
using Psrp.Messages;
using Psrp.Transport;

namespace Psrp.Integration.Tests.Tuning;

/// <summary>
/// Sits between the pool and its transport and reassembles, with the product's own assembler, every
/// message the pool hands down — the independent record a trace's sent messages are held against.
/// </summary>
internal sealed class SentMessageWitness(IPsrpTransport inner) : DelegatingPsrpTransport(inner)
{
    private readonly ConcurrentDictionary<(Guid, PsrpStreamKind), FragmentAssembler> _assemblers = new();
    private readonly object _gate = new();

    public List<(MessageType Type, Guid PipelineId, byte[] Data)> Messages { get; } = [];

    public override ValueTask OpenRunspacePoolAsync(Guid runspacePoolId, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken)
    {
        Witness(Guid.Empty, PsrpStreamKind.Default, fragments);
        return base.OpenRunspacePoolAsync(runspacePoolId, fragments, cancellationToken);
    }

    public override ValueTask SendAsync(Guid pipelineId, PsrpStreamKind stream, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken)
    {
        Witness(pipelineId, stream, fragments);
        return base.SendAsync(pipelineId, stream, fragments, cancellationToken);
    }

    public override ValueTask CreatePipelineAsync(Guid pipelineId, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken)
    {
        Witness(pipelineId, PsrpStreamKind.Default, fragments);
        return base.CreatePipelineAsync(pipelineId, fragments, cancellationToken);
    }

    private void Witness(Guid channel, PsrpStreamKind stream, ReadOnlyMemory<byte> fragments)
    {
        lock (_gate)
        {
            var assembler = _assemblers.GetOrAdd((channel, stream), _ => new FragmentAssembler(64 << 20));
            assembler.Feed(fragments.Span);
            while (assembler.TryRead(out var assembled))
            {
                using (assembled)
                {
                    var message = PsrpMessage.Decode(assembled.Memory);
                    Messages.Add((message.MessageType, message.PipelineId, message.Data.ToArray()));
                }
            }
        }
    }
}
