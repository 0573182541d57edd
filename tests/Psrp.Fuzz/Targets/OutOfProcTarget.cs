using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Psrp.OutOfProc;
using Psrp.Transport;

namespace Psrp.Fuzz.Targets;

/// <summary>
/// Out-of-proc packet lines (core/Psrp.Core/OutOfProc) as the transport reads them from a process,
/// SSH channel, Hyper-V socket or container: one line at a time, error lines first, a Data packet's
/// base64 decoded and its fragments fed to an assembler per channel.
/// </summary>
public sealed class OutOfProcTarget : IFuzzTarget
{
    /// <inheritdoc />
    public string Name => "outofproc";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        var assembler = new Fragments.FragmentAssembler(maxObjectSize: 64 << 10);
        try
        {
            foreach (var range in input.Split((byte)'\n'))
            {
                var line = input[range];
                if (OutOfProcPacketCodec.TryParseErrorLine(line, out _))
                {
                    continue;
                }

                try
                {
                    var packet = OutOfProcPacketCodec.Parse(line);
                    _ = packet.PsGuid;
                    if (packet.Kind != OutOfProcPacketKind.Data)
                    {
                        continue;
                    }

                    var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(packet.Base64Payload.Length)];
                    if (Base64.DecodeFromUtf8(packet.Base64Payload, bytes, out _, out var written) == OperationStatus.Done)
                    {
                        assembler.Feed(bytes.AsSpan(0, written));
                        while (assembler.TryRead(out var value))
                        {
                            value.Dispose();
                        }
                    }
                }
                catch (PsrpProtocolException)
                {
                    // A bad packet ends the connection; a fresh assembler stands for the next one.
                    assembler.Dispose();
                    assembler = new Fragments.FragmentAssembler(maxObjectSize: 64 << 10);
                }
            }
        }
        finally
        {
            assembler.Dispose();
        }
    }

    /// <inheritdoc />
    public IEnumerable<(string Name, byte[] Bytes)> Seeds(Golden golden)
    {
        var channel = Guid.Parse("2b0f1c4e-5d6a-4b7c-8d9e-0f1a2b3c4d5e");
        foreach (var (name, bytes) in golden.Payloads)
        {
            var output = new ArrayBufferWriter<byte>();
            OutOfProcPacketCodec.WriteData(output, Guid.Empty, PsrpStreamKind.Default, bytes);
            yield return (name, output.WrittenSpan.ToArray());
        }

        var control = new ArrayBufferWriter<byte>();
        foreach (var kind in Enum.GetValues<OutOfProcPacketKind>().Where(k => k != OutOfProcPacketKind.Data))
        {
            OutOfProcPacketCodec.WriteControl(control, kind, channel);
        }

        OutOfProcPacketCodec.WriteData(control, channel, PsrpStreamKind.PromptResponse, golden.Payloads[0].Bytes);
        control.Write(Encoding.UTF8.GetBytes(OutOfProcPacketCodec.NamedPipeErrorPrefix + "the server failed\n"));
        yield return ("control-packets", control.WrittenSpan.ToArray());
    }
}
