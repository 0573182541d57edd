using System.Text;

namespace Psrp.OutOfProc;

/// <summary>
/// The last few kilobytes of a server's (or an ssh client's) stderr, kept so its own explanation of a
/// failure can go into the transport error (<see cref="OutOfProcTransportOptions.Diagnostics"/>)
/// without unbounded memory. Bytes may be split anywhere: one decoder carries partial characters over.
/// </summary>
public sealed class StderrTail
{
    private const int Capacity = 4096;
    private readonly StringBuilder _text = new();
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
    private readonly object _gate = new();

    /// <summary>Appends one line (as <see cref="System.Diagnostics.Process.ErrorDataReceived"/> delivers them); null is ignored.</summary>
    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _text.AppendLine(line);
            Trim();
        }
    }

    /// <summary>Appends raw UTF-8 bytes (as a multiplexed stream delivers them).</summary>
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

            Trim();
        }
    }

    private void Trim()
    {
        if (_text.Length > Capacity)
        {
            _text.Remove(0, _text.Length - Capacity);
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        lock (_gate)
        {
            return _text.ToString();
        }
    }
}
