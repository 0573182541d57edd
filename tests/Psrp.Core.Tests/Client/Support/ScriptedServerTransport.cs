using System.Buffers;
using System.Threading.Channels;
using Psrp.Fragments;
using Psrp.Messages;
using Psrp.Serialization;
using Psrp.Transport;

namespace Psrp.Tests.Client.Support;

/// <summary>
/// An in-memory transport whose server side the test plays message by message: it opens the pool
/// on request (SESSION_CAPABILITY, then Opened) and otherwise sends what the test tells it to,
/// so a client's reaction to a broken or hostile server can be checked without I/O. No direct
/// receive: received data goes through <see cref="Received"/>, as on WSMan.
/// </summary>
internal sealed class ScriptedServerTransport : IPsrpTransport
{
    private static readonly Version Protocol = new(2, 3);

    private readonly Channel<TransportData> _toClient = Channel.CreateUnbounded<TransportData>();
    private readonly Channel<(Guid PipelineId, PsrpPayload Body)> _fromClient = Channel.CreateUnbounded<(Guid, PsrpPayload)>();
    private readonly Channel<Guid> _created = Channel.CreateUnbounded<Guid>();
    private readonly Dictionary<(Guid, PsrpStreamKind), FragmentAssembler> _assemblers = [];
    private readonly Fragmenter _fragmenter = new();
    private Guid _poolId;

    public TransportCapabilities Capabilities { get; } = new() { Name = "scripted" };

    public ChannelReader<TransportData> Received => _toClient.Reader;

    public async ValueTask OpenRunspacePoolAsync(Guid runspacePoolId, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken)
    {
        _poolId = runspacePoolId;
        Collect(Guid.Empty, PsrpStreamKind.Default, fragments);
        await SendAsync(Guid.Empty, new SessionCapability(Protocol, new Version(2, 0), new Version(1, 1, 0, 1)));
        await SendAsync(Guid.Empty, new RunspacePoolStateMessage(RunspacePoolState.Opened));
    }

    public ValueTask SendAsync(Guid pipelineId, PsrpStreamKind stream, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken)
    {
        Collect(pipelineId, stream, fragments);
        return ValueTask.CompletedTask;
    }

    public ValueTask CreatePipelineAsync(Guid pipelineId, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken)
    {
        Collect(pipelineId, PsrpStreamKind.Default, fragments);
        _created.Writer.TryWrite(pipelineId);
        return ValueTask.CompletedTask;
    }

    public ValueTask StopPipelineAsync(Guid pipelineId, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask ClosePipelineAsync(Guid pipelineId, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask CloseRunspacePoolAsync(CancellationToken cancellationToken)
    {
        _toClient.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _toClient.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    /// <summary>The id of the next pipeline the client creates.</summary>
    public async Task<Guid> NextPipelineAsync() => await _created.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>The next message the client sent (after the pool's opening ones and CREATE_PIPELINE), or null after the timeout.</summary>
    public async Task<(Guid PipelineId, PsrpPayload Body)?> NextFromClientAsync(TimeSpan timeout)
    {
        try
        {
            while (true)
            {
                var next = await _fromClient.Reader.ReadAsync().AsTask().WaitAsync(timeout);
                if (next.Body is not (SessionCapability or InitRunspacePool or CreatePipeline))
                {
                    return next;
                }
            }
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Sends one message from the server to the client, on the pipeline's channel unless <paramref name="channel"/> says otherwise.</summary>
    public ValueTask SendAsync(Guid pipelineId, PsrpPayload body, PsrpStreamKind stream = PsrpStreamKind.Default, Guid? channel = null) =>
        SendRawAsync(pipelineId, body.MessageType, PsrpPayloadCodec.Encode(body, Protocol), stream, channel);

    /// <summary>Sends one message with the given CLIXML body, whatever it holds.</summary>
    public ValueTask SendRawAsync(Guid pipelineId, MessageType type, ReadOnlyMemory<byte> clixml, PsrpStreamKind stream = PsrpStreamKind.Default, Guid? channel = null)
    {
        var message = new PsrpMessage(Destination.Client, type, _poolId, pipelineId, clixml);
        var bytes = new ArrayBufferWriter<byte>();
        _fragmenter.Write(message.ToArray(), bytes);
        return _toClient.Writer.WriteAsync(new TransportData(channel ?? pipelineId, stream, bytes.WrittenMemory.ToArray()));
    }

    /// <summary>Sends raw fragment bytes on a channel, as a misbehaving server might.</summary>
    public ValueTask SendFragmentsAsync(Guid channel, ReadOnlyMemory<byte> fragments, PsrpStreamKind stream = PsrpStreamKind.Default) =>
        _toClient.Writer.WriteAsync(new TransportData(channel, stream, fragments));

    /// <summary>Reassembles and decodes what the client sent, for the test to read.</summary>
    private void Collect(Guid pipelineId, PsrpStreamKind stream, ReadOnlyMemory<byte> fragments)
    {
        lock (_assemblers)
        {
            if (!_assemblers.TryGetValue((pipelineId, stream), out var assembler))
            {
                _assemblers[(pipelineId, stream)] = assembler = new FragmentAssembler(64 << 20);
            }

            assembler.Feed(fragments.Span);
            while (assembler.TryRead(out var assembled))
            {
                using (assembled)
                {
                    var message = PsrpMessage.Decode(assembled.Memory);
                    _fromClient.Writer.TryWrite((pipelineId, PsrpPayloadCodec.Decode(message.MessageType, message.Data)));
                }
            }
        }
    }
}
