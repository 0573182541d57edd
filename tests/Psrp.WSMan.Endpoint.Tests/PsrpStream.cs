using System.Buffers;
using System.Xml.Linq;
using Psrp.Fragments;
using Psrp.Messages;

namespace Psrp.WSMan.Endpoint.Tests;

/// <summary>PSRP on either side of the endpoint: messages the test sends, messages read back from rsp:Stream elements.</summary>
internal sealed class PsrpStream : IDisposable
{
    private static readonly Version Protocol = new(2, 3);
    private readonly FragmentAssembler _assembler = new();
    private readonly Fragmenter _fragmenter;

    /// <summary>Creates the stream; client messages are cut at <paramref name="fragmentSize"/> bytes (WinRM clients derive it from MaxEnvelopeSize).</summary>
    public PsrpStream(int fragmentSize = 32 << 10) => _fragmenter = new Fragmenter(fragmentSize, firstObjectId: 100);

    public List<PsrpMessage> Messages { get; } = [];

    /// <summary>Fragments of one client message (Destination = server).</summary>
    public byte[] ToServer(PsrpPayload payload, Guid runspacePoolId, Guid pipelineId)
    {
        var data = PsrpPayloadCodec.Encode(payload, Protocol);
        var message = new PsrpMessage(Destination.Server, payload.MessageType, runspacePoolId, pipelineId, data);
        var output = new ArrayBufferWriter<byte>();
        _fragmenter.WriteMessage(message, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Feeds the base64 of each rsp:Stream; completed messages are added to <see cref="Messages"/>.</summary>
    public void Feed(IEnumerable<XElement> streams)
    {
        foreach (var stream in streams)
        {
            _assembler.Feed(Convert.FromBase64String(stream.Value));
            while (_assembler.TryRead(out var assembled))
            {
                using (assembled)
                {
                    Messages.Add(PsrpMessage.Decode(assembled.Memory.ToArray()));
                }
            }
        }
    }

    public T Decode<T>(PsrpMessage message)
        where T : PsrpPayload => (T)PsrpPayloadCodec.Decode(message.MessageType, message.Data);

    public void Dispose() => _assembler.Dispose();
}
