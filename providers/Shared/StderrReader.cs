using Psrp.OutOfProc;

namespace Psrp.Providers.Shared;

/// <summary>
/// Reads a child process's stderr into a <see cref="StderrTail"/> on a thread of its own, in raw
/// chunks. Not through <c>Process</c>'s line reader: that one runs on the thread pool, so the last
/// lines of a server that just exited (the reason it did) could still be undelivered when the error
/// is built, and it collects a whole line before handing it over, so a peer writing one endless
/// line made it grow without bound. The tail keeps the last few KiB whatever the peer writes.
/// </summary>
/// <remarks>Compiled into each provider that starts processes (linked in its project file).</remarks>
internal sealed class StderrReader
{
    private readonly ManualResetEventSlim _ended = new();

    private StderrReader(Stream stderr, StderrTail tail, string name)
    {
        new Thread(() => Pump(stderr, tail)) { IsBackground = true, Name = name }.Start();
    }

    /// <summary>Starts reading <paramref name="process"/>'s redirected stderr into <paramref name="tail"/>.</summary>
    public static StderrReader Start(System.Diagnostics.Process process, StderrTail tail, string name) =>
        new(process.StandardError.BaseStream, tail, name);

    /// <summary>Waits up to <paramref name="timeout"/> for stderr to end (the process and its children closed it).</summary>
    public bool WaitForEnd(TimeSpan timeout) => _ended.Wait(timeout);

    private void Pump(Stream stderr, StderrTail tail)
    {
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = stderr.Read(buffer, 0, buffer.Length)) > 0)
            {
                tail.Append(buffer.AsSpan(0, read));
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process object was disposed: its stderr is no longer of interest.
        }
        finally
        {
            _ended.Set();
        }
    }
}
