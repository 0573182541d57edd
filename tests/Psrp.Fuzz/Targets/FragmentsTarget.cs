using Psrp.Messages;
using Psrp.Fragments;

namespace Psrp.Fuzz.Targets;

/// <summary>
/// The fragment assembler (core/Psrp.Core/Fragments) as a transport feeds it: the input arrives in
/// pieces whose sizes come from its first byte, so fragments and headers split across feeds are
/// reached; every whole object is then read as a message header. A small object bound makes the
/// size checks reachable with small inputs.
/// </summary>
public sealed class FragmentsTarget : IFuzzTarget
{
    /// <inheritdoc />
    public string Name => "fragments";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var piece = (input[0] & 0x3F) + 1;
        input = input[1..];
        using var assembler = new FragmentAssembler(maxObjectSize: 64 << 10);
        try
        {
            for (var at = 0; at < input.Length; at += piece)
            {
                assembler.Feed(input.Slice(at, Math.Min(piece, input.Length - at)));
                Drain(assembler);
            }

            assembler.Complete();
            Drain(assembler);
        }
        catch (PsrpProtocolException)
        {
        }
    }

    private static void Drain(FragmentAssembler assembler)
    {
        while (assembler.TryRead(out var value))
        {
            using (value)
            {
                if (value.Length >= PsrpMessage.HeaderSize)
                {
                    _ = PsrpMessage.Decode(value.Memory);
                }
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<(string Name, byte[] Bytes)> Seeds(Golden golden)
    {
        foreach (var (name, bytes) in golden.Payloads)
        {
            // 0x3F: whole 64-byte pieces; 0x06: 7-byte pieces split every header.
            yield return (name, [0x3F, .. bytes]);
            yield return ($"{name}.split7", [0x06, .. bytes]);
        }
    }
}
