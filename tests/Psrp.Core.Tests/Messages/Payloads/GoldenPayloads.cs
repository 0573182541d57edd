using Psrp.Fragments;
using Psrp.Messages;

namespace Psrp.Tests.Messages.Payloads;

/// <summary>Decodes the golden payload files of psrp-facts §13 into messages and typed bodies.</summary>
internal static class GoldenPayloads
{
    public static List<PsrpMessage> Messages(string file)
    {
        byte[] payload = GoldenVectors.Base64(file);
        using var assembler = new FragmentAssembler();
        assembler.Feed(payload);
        assembler.Complete();
        var result = new List<PsrpMessage>();
        while (assembler.TryRead(out AssembledObject? obj))
        {
            using (obj)
            {
                result.Add(PsrpMessage.Decode(obj.Span.ToArray()));
            }
        }

        return result;
    }

    public static PsrpPayload Body(string file, int index)
    {
        var message = Messages(file)[index];
        return PsrpPayloadCodec.Decode(message.MessageType, message.Data);
    }

    /// <summary>The data bytes as captured, BOM removed (we never write one).</summary>
    public static byte[] Data(string file, int index) => Messages(file)[index].Data.ToArray();
}
