using System.Text;

namespace Psrp.Providers.Container;

/// <summary>
/// Keeps the last few kilobytes of the server's stderr frames, so a failing server's own
/// explanation (or the runtime's "executable file not found") can go into the transport error
/// without unbounded memory. Frames split text anywhere, so one decoder carries partial characters over.
/// </summary>
internal sealed class StderrTail
{
    private const int Capacity = 4096;
    private readonly StringBuilder _text = new();
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
    private readonly object _gate = new();

    public void Append(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            Span<char> chars = stackalloc char[512];
            while (!bytes.IsEmpty)
            {
                var take = Math.Min(bytes.Length, 256);
                var count = _decoder.GetChars(bytes[..take], chars, flush: false);
                _text.Append(chars[..count]);
                bytes = bytes[take..];
            }

            if (_text.Length > Capacity)
            {
                _text.Remove(0, _text.Length - Capacity);
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _text.ToString();
        }
    }
}
