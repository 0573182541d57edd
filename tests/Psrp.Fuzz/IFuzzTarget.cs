namespace Psrp.Fuzz;

/// <summary>
/// One decoder a peer (or a trace file) reaches, driven with arbitrary bytes. <see cref="Run"/>
/// catches exactly the typed exceptions the decoder documents for bad input; any other exception
/// escapes and is a crash — a bug to fix in the decoder, not in the harness.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>The name on the command line and the corpus folder (<c>Corpus/&lt;name&gt;</c>).</summary>
    string Name { get; }

    /// <summary>Decodes <paramref name="input"/> as a peer's bytes.</summary>
    void Run(ReadOnlySpan<byte> input);

    /// <summary>Small valid inputs the corpus is made from (<c>psrp-fuzz seed</c>), named for their files.</summary>
    IEnumerable<(string Name, byte[] Bytes)> Seeds(Golden golden);
}
