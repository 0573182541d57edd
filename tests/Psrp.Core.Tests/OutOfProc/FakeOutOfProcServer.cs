using System.IO.Pipelines;
using System.Text;
using Psrp.OutOfProc;

namespace Psrp.Tests.OutOfProc;

/// <summary>
/// The server end of an in-memory out-of-proc connection: the test reads the client's lines and
/// writes server lines by hand, so the transport's rules can be checked packet by packet.
/// </summary>
internal sealed class FakeOutOfProcServer : IAsyncDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();
    private readonly StreamReader _reader;
    private readonly StreamWriter _writer;
    private Task<string?>? _pending;

    public FakeOutOfProcServer(OutOfProcTransportOptions? options = null)
    {
        Transport = new OutOfProcTransport(_toClient.Reader.AsStream(), _toServer.Writer.AsStream(), options ?? new OutOfProcTransportOptions { Name = "fake", AckTimeout = TimeSpan.FromSeconds(5) });
        _reader = new StreamReader(_toServer.Reader.AsStream(), Encoding.ASCII);
        _writer = new StreamWriter(_toClient.Writer.AsStream(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
    }

    public OutOfProcTransport Transport { get; }

    /// <summary>The next line the client wrote, or null when none arrives within the timeout.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan? timeout = null)
    {
        // A read that timed out stays pending and is picked up by the next call: a StreamReader allows one read at a time.
        _pending ??= _reader.ReadLineAsync();
        try
        {
            var line = await _pending.WaitAsync(timeout ?? TimeSpan.FromSeconds(5));
            _pending = null;
            return line;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public Task WriteLineAsync(string line) => _writer.WriteLineAsync(line);

    public Task EndAsync() => _toClient.Writer.CompleteAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        await Transport.DisposeAsync();
        await _toClient.Writer.CompleteAsync();
    }
}
