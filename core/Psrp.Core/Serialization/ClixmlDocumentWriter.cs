using System.Buffers;

namespace Psrp.Serialization;

/// <summary>
/// Writes a plain CLIXML document (<c>&lt;Objs Version="1.1.0.1" xmlns=…&gt;</c>, as Export-Clixml
/// writes) one value at a time, so a caller can stream values out as they arrive in bounded memory:
/// after each <see cref="Write"/> the bytes can be taken from the buffer writer and it can be reset.
/// Reference ids run across the document; an object is referred back to (<c>Ref</c>) only within the
/// top-level value it was written in, so the writer keeps no value once it is written.
/// </summary>
public sealed class ClixmlDocumentWriter
{
    private readonly ClixmlWriter _writer;
    private bool _completed;

    /// <summary>Starts the document: writes the opening <c>Objs</c> to <paramref name="output"/>.</summary>
    /// <param name="output">Receives the UTF-8 bytes; it may be drained and reset between calls.</param>
    /// <param name="maxDepth">Deepest nesting of <c>Obj</c> elements allowed, as in <see cref="ClixmlWriter.Serialize"/>.</param>
    public ClixmlDocumentWriter(IBufferWriter<byte> output, int maxDepth = 128)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        _writer = ClixmlWriter.StartDocument(output, maxDepth);
    }

    /// <summary>Writes one value of the document.</summary>
    public void Write(object? value)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        _writer.WriteDocumentValue(value);
    }

    /// <summary>Ends the document: writes the closing <c>Objs</c>. Later calls do nothing.</summary>
    public void Complete()
    {
        if (!_completed)
        {
            _completed = true;
            _writer.EndDocument();
        }
    }
}
