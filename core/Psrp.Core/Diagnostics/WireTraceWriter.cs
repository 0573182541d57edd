using System.Text;

namespace Psrp.Diagnostics;

/// <summary>
/// An <see cref="IWireRecorder"/> that writes a redacted wire trace (<see cref="WireTraceFormat"/>)
/// to a stream the caller opened (a file, for <c>psrp --trace</c>). Thread-safe; a write that fails
/// (disk full) stops the trace, never the session. Dispose flushes and closes the stream.
/// </summary>
public sealed class WireTraceWriter : IWireRecorder, IDisposable
{
    private readonly object _gate = new();
    private readonly StreamWriter _writer;
    private readonly WireRedactor _redactor = new();
    private readonly TimeProvider _clock;
    private bool _broken;
    private bool _disposed;

    /// <summary>Starts a trace on <paramref name="output"/> (owned from here on); writes the header line.</summary>
    public WireTraceWriter(Stream output, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        _clock = clock ?? TimeProvider.System;
        _writer = new StreamWriter(output, new UTF8Encoding(false), 64 << 10) { NewLine = "\n" };
        _writer.WriteLine(WireTraceFormat.Header);
    }

    /// <summary>The first write error, if writing stopped because of one.</summary>
    public Exception? Error { get; private set; }

    /// <inheritdoc />
    public void RecordPacket(string transport, WireDirection direction, ReadOnlySpan<byte> line)
    {
        lock (_gate)
        {
            if (_broken || _disposed)
            {
                return;
            }

            // Stamped under the lock, so times never go backwards in the file.
            var time = _clock.GetUtcNow();

            Write(new WireTraceRecord(time, direction, transport, WireTraceFormat.PacketKind, _redactor.RedactPacket(direction, line.TrimEnd("\r\n"u8))));
        }
    }

    /// <inheritdoc />
    public void RecordText(string transport, WireDirection direction, string kind, string text)
    {
        lock (_gate)
        {
            if (_broken || _disposed)
            {
                return;
            }

            // Stamped under the lock, so times never go backwards in the file.
            var time = _clock.GetUtcNow();

            Write(new WireTraceRecord(time, direction, transport, kind, _redactor.RedactText(direction, text)));
        }
    }

    /// <summary>Writes what is buffered to the stream.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (!_broken && !_disposed)
            {
                try
                {
                    _writer.Flush();
                }
                catch (IOException ex)
                {
                    Break(ex);
                }
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                _writer.Dispose();
            }
            catch (IOException ex)
            {
                Error ??= ex;
            }
        }
    }

    private void Write(WireTraceRecord record)
    {
        try
        {
            _writer.WriteLine(WireTraceFormat.Format(record));
        }
        catch (IOException ex)
        {
            Break(ex);
        }
    }

    private void Break(Exception ex)
    {
        _broken = true;
        Error = ex;
    }
}
