using System.Buffers;
using BenchmarkDotNet.Attributes;
using Psrp.Fragments;

namespace Psrp.Benchmarks.Fragments;

/// <summary>
/// Fragmenting a message at PowerShell's 32 KiB out-of-proc fragment size and putting it back
/// together, separately and as a round trip. Throughput is message bytes per second.
/// </summary>
[MemoryDiagnoser]
public class FragmentBenchmarks
{
    private Fragmenter _fragmenter = null!;
    private FragmentAssembler _assembler = null!;
    private byte[] _message = [];
    private byte[] _wire = [];
    private ArrayBufferWriter<byte> _output = null!;

    /// <summary>Message length in bytes (the column <c>MB/s</c> divides this by the mean time).</summary>
    [Params(1 << 10, 64 << 10, 1 << 20)]
    public int MessageSize { get; set; }

    /// <summary>Makes a random message and its fragments; buffers are sized once so no iteration regrows them.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _message = new byte[MessageSize];
        new Random(42).NextBytes(_message);
        _fragmenter = new Fragmenter(Fragmenter.DefaultMaxFragmentSize);
        _output = new ArrayBufferWriter<byte>((int)_fragmenter.GetEncodedLength(MessageSize));
        _fragmenter.Write(_message, _output);
        _wire = _output.WrittenSpan.ToArray();

        // One assembler for the whole run, as a receiver keeps one per stream; it returns each
        // object's buffer to the pool on dispose, so steady state allocates only the object handle.
        _assembler = new FragmentAssembler();
        if (Assemble() != MessageSize)
        {
            throw new InvalidOperationException("The assembler did not give back the message.");
        }
    }

    /// <summary>Releases the assembler's pooled buffers.</summary>
    [GlobalCleanup]
    public void Cleanup() => _assembler.Dispose();

    /// <summary>Splits the message into 32 KiB fragments written into a reused buffer.</summary>
    [Benchmark]
    public ulong Fragment()
    {
        _output.ResetWrittenCount();
        return _fragmenter.Write(_message, _output);
    }

    /// <summary>Feeds the whole fragment stream and takes the reassembled message.</summary>
    [Benchmark]
    public int Assemble()
    {
        _assembler.Feed(_wire);
        return TakeOne();
    }

    /// <summary>Fragments, then reassembles: what one message costs a sender plus a receiver.</summary>
    [Benchmark]
    public int FragmentAndAssemble()
    {
        _output.ResetWrittenCount();
        _fragmenter.Write(_message, _output);
        _assembler.Feed(_output.WrittenSpan);
        return TakeOne();
    }

    private int TakeOne()
    {
        if (!_assembler.TryRead(out var assembled))
        {
            throw new InvalidOperationException("No object was assembled.");
        }

        using (assembled)
        {
            return assembled.Length;
        }
    }
}
