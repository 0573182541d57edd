using System.Buffers;
using Psrp.Serialization;

namespace Psrp.Cli.Invocation;

/// <summary>
/// <c>psrp invoke -o clixml</c>'s stdout: one <c>&lt;Objs&gt;</c> document, as Export-Clixml writes,
/// streamed — each output object is written out as it arrives, so memory stays bounded by the
/// largest object, not the whole output.
/// </summary>
internal sealed class ClixmlOutput
{
    private readonly Stream _stdout;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly ClixmlDocumentWriter _document;

    public ClixmlOutput(Stream stdout)
    {
        _stdout = stdout;
        _document = new ClixmlDocumentWriter(_buffer);
    }

    /// <summary>Writes one output object.</summary>
    public async ValueTask WriteAsync(PsObject? item, CancellationToken cancellationToken)
    {
        _document.Write(Unwrapped(item));
        await DrainAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the document (also after a failed or stopped pipeline, so what was written stays readable).</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        _document.Complete();
        _buffer.Write("\n"u8);
        await DrainAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask DrainAsync(CancellationToken cancellationToken)
    {
        await _stdout.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await _stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        _buffer.ResetWrittenCount();
    }

    /// <summary>
    /// Output primitives arrive wrapped in a bare PsObject; Export-Clixml writes them as plain
    /// <c>&lt;I32&gt;</c>, <c>&lt;S&gt;</c>…, so unwrap what carries nothing but the value.
    /// </summary>
    private static object? Unwrapped(PsObject? item) =>
        item is { BaseValue: { } value, HasAdaptedProperties: false, HasExtendedProperties: false, ToStringValue: null } && item.TypeNames.Count == 0
            ? value
            : item;
}
