using Psrp.OutOfProc;
using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using Docker.DotNet;

namespace Psrp.Providers.Container;

/// <summary>
/// Demultiplexes the exec's hijacked connection (Docker's 8-byte-header frames): stdout frames feed
/// a pipe the out-of-proc transport reads as a plain stream, stderr frames go to a bounded tail.
/// When the connection ends it first asks the engine how the server ended, then ends the stream, so
/// the transport's error already carries that explanation. A first stdout line that is not the
/// protocol (see <see cref="FirstLineCheck"/>) ends the stream with an error quoting it.
/// </summary>
internal sealed class ExecOutputPump
{
    private const int FrameBufferSize = 64 * 1024;

    // After a non-protocol first line, how long to wait for the exec to end so its exit code can be shown.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    private readonly MultiplexedStream _exec;
    private readonly StderrTail _stderr;
    private readonly Func<Task<string?>> _describeEnd;

    // The pause threshold is the backpressure: while the session lags, the pump stops reading and
    // the engine, then the server, block on their output.
    private readonly Pipe _stdout = new(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19, useSynchronizationContext: false));
    private readonly FirstLineCheck _firstLine = new();
    private volatile string? _endDescription;
    private bool _checked;
    private bool _readerGone;

    public ExecOutputPump(MultiplexedStream exec, StderrTail stderr, Func<Task<string?>> describeEnd)
    {
        _exec = exec;
        _stderr = stderr;
        _describeEnd = describeEnd;
        Output = _stdout.Reader.AsStream();
        Completion = Task.Run(RunAsync);
    }

    /// <summary>The server's stdout.</summary>
    public Stream Output { get; }

    /// <summary>Completes when the exec's connection has ended (the server exited, or the connection was closed).</summary>
    public Task Completion { get; }

    /// <summary>How the server ended, once known (e.g. its exit code and the container's state).</summary>
    public string? EndDescription => _endDescription;

    private async Task RunAsync()
    {
        Exception? broken = null;
        var buffer = ArrayPool<byte>.Shared.Rent(FrameBufferSize);
        try
        {
            while (true)
            {
                var frame = await _exec.ReadOutputAsync(buffer, 0, buffer.Length, CancellationToken.None).ConfigureAwait(false);
                if (frame.EOF)
                {
                    if (!_checked && _firstLine.Judge(atEnd: true) == FirstLineCheck.Verdict.NotProtocol)
                    {
                        broken = NotProtocol(_firstLine.Text);
                    }
                    else if (!_checked)
                    {
                        await ForwardAsync(_firstLine.Held).ConfigureAwait(false);
                    }

                    break;
                }

                var bytes = buffer.AsMemory(0, frame.Count);
                if (frame.Target == MultiplexedStream.TargetStream.StandardError)
                {
                    _stderr.Append(bytes.Span);
                }
                else if (_checked)
                {
                    await ForwardAsync(bytes).ConfigureAwait(false);
                }
                else
                {
                    var verdict = _firstLine.Add(bytes.Span);
                    if (verdict == FirstLineCheck.Verdict.Protocol)
                    {
                        _checked = true;
                        await ForwardAsync(_firstLine.Held).ConfigureAwait(false);
                    }
                    else if (verdict == FirstLineCheck.Verdict.NotProtocol)
                    {
                        broken = NotProtocol(await DrainAsync(buffer, _firstLine.Text).ConfigureAwait(false));
                        break;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or HttpRequestException or InvalidOperationException)
        {
            broken = ex;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        try
        {
            _endDescription = await _describeEnd().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Only an explanation for an error message: whatever fails here, the stream must still end.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        // The transport turns IOException into a typed receive error; anything else would escape its read loop.
        await _stdout.Writer.CompleteAsync(broken is null or IOException ? broken : new IOException(broken.Message, broken)).ConfigureAwait(false);
    }

    private async ValueTask ForwardAsync(ReadOnlyMemory<byte> bytes)
    {
        // Once the transport has stopped reading, keep draining so the end of the exec is still seen.
        if (!_readerGone && !bytes.IsEmpty)
        {
            var flushed = await _stdout.Writer.WriteAsync(bytes).ConfigureAwait(false);
            _readerGone = flushed.IsCompleted;
        }
    }

    /// <summary>Reads on briefly so the exec can end (and its exit code be known), collecting the rest of its text.</summary>
    private async Task<string> DrainAsync(byte[] buffer, string firstLine)
    {
        var text = new StringBuilder(firstLine);
        using var timeout = new CancellationTokenSource(DrainTimeout);
        try
        {
            while (text.Length < FirstLineCheck.MaxHeld)
            {
                var frame = await _exec.ReadOutputAsync(buffer, 0, buffer.Length, timeout.Token).ConfigureAwait(false);
                if (frame.EOF)
                {
                    break;
                }

                if (frame.Target == MultiplexedStream.TargetStream.StandardError)
                {
                    _stderr.Append(buffer.AsSpan(0, frame.Count));
                }
                else
                {
                    text.Append(' ').Append(Encoding.UTF8.GetString(buffer, 0, frame.Count).Trim());
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The exec is failing either way; what arrived is what the error shows.
        }

        var all = text.ToString().Trim();
        return all.Length > FirstLineCheck.MaxHeld ? all[..FirstLineCheck.MaxHeld] : all;
    }

    private static IOException NotProtocol(string text) =>
        new($"the exec did not start PowerShell's remoting server; it wrote '{text}' instead of the protocol.");
}
