using System.Buffers;
using System.Text;
using Psrp.Diagnostics;
using Psrp.Fragments;
using Psrp.Messages;
using Psrp.OutOfProc;
using Psrp.Transport;

namespace Psrp.Core.Tests.Diagnostics;

/// <summary>Redaction blanks SecureStrings and session keys wherever the packet and fragment boundaries fall, and keeps every length.</summary>
public class WireRedactionTests
{
    private const string Secret = "c2VjcmV0LXBhc3N3b3JkLWJ5dGVz";

    private static byte[] Fragments(MessageType type, string xml, int fragmentSize)
    {
        var message = new PsrpMessage(Destination.Server, type, Guid.NewGuid(), Guid.Empty, Encoding.UTF8.GetBytes(xml));
        var output = new ArrayBufferWriter<byte>();
        new Fragmenter(fragmentSize).WriteMessage(message, output);
        return output.WrittenSpan.ToArray();
    }

    private static IEnumerable<string> Lines(byte[] fragments, int cut)
    {
        for (var i = 0; i < fragments.Length; i += cut)
        {
            var line = new ArrayBufferWriter<byte>();
            OutOfProcPacketCodec.WriteData(line, Guid.Empty, PsrpStreamKind.PromptResponse, fragments.AsSpan(i, Math.Min(cut, fragments.Length - i)));
            yield return Encoding.ASCII.GetString(line.WrittenSpan).TrimEnd('\n');
        }
    }

    private static string Decoded(IEnumerable<string> redactedLines)
    {
        var decoder = new WireTraceDecoder();
        var messages = redactedLines
            .Select(l => decoder.Decode(new WireTraceRecord(DateTimeOffset.UnixEpoch, WireDirection.Sent, "t", WireTraceFormat.PacketKind, l)))
            .SelectMany(u => { Assert.Null(u.Error); return u.Messages; })
            .ToList();
        return Assert.Single(messages).DataText;
    }

    public static TheoryData<int, int> Cuts()
    {
        var data = new TheoryData<int, int>();
        foreach (var fragmentSize in new[] { 22, 23, 40, 64, 4096 })
        {
            foreach (var cut in new[] { 1, 2, 3, 7, 21, 22, 50, 10000 })
            {
                data.Add(fragmentSize, cut);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cuts))]
    public void SecureStrings_are_blanked_however_the_stream_is_cut(int fragmentSize, int cut)
    {
        var xml = $"<Obj RefId=\"0\"><MS><S N=\"UserName\">alice</S><SS N=\"Password\">{Secret}</SS><SS>{Secret}</SS><SS N=\"Empty\" /><S>SS</S><SBK>x</SBK></MS></Obj>";
        var redactor = new WireRedactor();
        var lines = Lines(Fragments(MessageType.PipelineHostResponse, xml, fragmentSize), cut).ToList();
        var redacted = lines.Select(l => redactor.RedactPacket(WireDirection.Sent, Encoding.ASCII.GetBytes(l))).ToList();

        Assert.Equal(lines.Select(l => l.Length), redacted.Select(l => l.Length));
        var text = Decoded(redacted);
        var blank = new string('*', Secret.Length);
        Assert.Equal($"<Obj RefId=\"0\"><MS><S N=\"UserName\">alice</S><SS N=\"Password\">{blank}</SS><SS>{blank}</SS><SS N=\"Empty\" /><S>SS</S><SBK>x</SBK></MS></Obj>", text);
    }

    [Theory]
    [InlineData(MessageType.PublicKey, "PublicKey")]
    [InlineData(MessageType.EncryptedSessionKey, "EncryptedSessionKey")]
    public void Session_key_messages_lose_all_their_text(MessageType type, string property)
    {
        var xml = $"<Obj RefId=\"0\"><MS><S N=\"{property}\">{Secret}</S></MS></Obj>";
        var redactor = new WireRedactor();
        var redacted = Lines(Fragments(type, xml, 64), 30).Select(l => redactor.RedactPacket(WireDirection.Received, Encoding.ASCII.GetBytes(l)));
        Assert.Equal($"<Obj RefId=\"0\"><MS><S N=\"{property}\">{new string('*', Secret.Length)}</S></MS></Obj>", Decoded(redacted));
    }

    [Fact]
    public void Other_messages_and_control_packets_pass_unchanged()
    {
        var redactor = new WireRedactor();
        var xml = "<Obj RefId=\"0\"><MS><S N=\"Text\">SS is not a secret</S></MS></Obj>";
        var line = Lines(Fragments(MessageType.PipelineOutput, xml, 4096), 10000).Single();
        Assert.Equal(line, redactor.RedactPacket(WireDirection.Received, Encoding.ASCII.GetBytes(line)));
        const string ack = "<DataAck PSGuid='00000000-0000-0000-0000-000000000000' />";
        Assert.Equal(ack, redactor.RedactPacket(WireDirection.Received, Encoding.ASCII.GetBytes(ack)));
        Assert.Equal("garbage <SS>x", redactor.RedactPacket(WireDirection.Received, "garbage <SS>x"u8));
    }

    [Fact]
    public void Wsman_text_loses_authorization_headers_and_secure_strings_in_streams()
    {
        var fragments = Fragments(MessageType.PipelineHostResponse, $"<Obj RefId=\"0\"><MS><SS N=\"mr\">{Secret}</SS></MS></Obj>", 4096);
        var request = "POST /wsman HTTP/1.1\r\nAuthorization: Basic YWxpY2U6aHVudGVyMg==\r\nContent-Type: application/soap+xml\r\n\r\n"
            + $"<s:Envelope><s:Body><rsp:Send><rsp:Stream Name=\"pr\" CommandId=\"11111111-2222-3333-4444-555555555555\">{Convert.ToBase64String(fragments)}</rsp:Stream></rsp:Send></s:Body></s:Envelope>";
        var redacted = new WireRedactor().RedactText(WireDirection.Sent, request);

        Assert.DoesNotContain("YWxpY2U6aHVudGVyMg", redacted, StringComparison.Ordinal);
        Assert.Contains("Authorization: <redacted>", redacted, StringComparison.Ordinal);
        var unit = new WireTraceDecoder().Decode(new WireTraceRecord(DateTimeOffset.UnixEpoch, WireDirection.Sent, "wsman", WireTraceFormat.WsmanKind, redacted));
        var message = Assert.Single(unit.Messages);
        Assert.Equal($"<Obj RefId=\"0\"><MS><SS N=\"mr\">{new string('*', Secret.Length)}</SS></MS></Obj>", message.DataText);
    }
}
