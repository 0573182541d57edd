using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Docker.DotNet;

namespace Psrp.Providers.Container;

/// <summary>
/// Demultiplexes the exec's hijacked connection (Docker's 8-byte-header frames): stdout frames feed
/// a pipe the out-of-proc transport reads as a plain stream, stderr frames go to a bounded tail.
/// When the connection ends it first asks the engine how the server ended, then ends the stream, so
/// the transport's error already carries that explanation.
/// </summary>
internal sealed class ExecOutputPump
{
    private const int FrameBufferSize = 64 * 1024;

    private readonly MultiplexedStream _exec;
    private readonly StderrTail _stderr;
    private readonly Func<Task<string?>> _describeEnd;

    // The pause threshold is the backpressure: while the session lags, the pump stops reading and
    // the engine, then the server, block on their output.
    private readonly Pipe _stdout = new(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19, useSynchronizationContext: false));
    private volatile string? _endDescription;

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
        var readerGone = false;
        try
        {
            while (true)
            {
                var frame = await _exec.ReadOutputAsync(buffer, 0, buffer.Length, CancellationToken.None).ConfigureAwait(false);
                if (frame.EOF)
                {
                    break;
                }

                if (frame.Target == MultiplexedStream.TargetStream.StandardError)
                {
                    _stderr.Append(buffer.AsSpan(0, frame.Count));
                }
                else if (!readerGone)
                {
                    // Once the transport has stopped reading, keep draining so the end of the exec is still seen.
                    var flushed = await _stdout.Writer.WriteAsync(buffer.AsMemory(0, frame.Count)).ConfigureAwait(false);
                    readerGone = flushed.IsCompleted;
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
}
