namespace Psrp.Providers.Ssh;

/// <summary>Receives what an <see cref="SshNetChannel"/> reports, on SSH.NET's message-listener thread.</summary>
internal interface ISshChannelListener
{
    /// <summary>Channel data (the subsystem's stdout). The segment is only valid during the call.</summary>
    void OnData(ArraySegment<byte> data);

    /// <summary>Extended data (the subsystem's stderr). The segment is only valid during the call.</summary>
    void OnExtendedData(ArraySegment<byte> data);

    /// <summary>The remote command exited with <paramref name="status"/>.</summary>
    void OnExitStatus(long status);

    /// <summary>The remote command was killed by <paramref name="signal"/>.</summary>
    void OnExitSignal(string signal);

    /// <summary>The server closed the channel.</summary>
    void OnClosed();

    /// <summary>The channel or its session failed.</summary>
    void OnException(Exception error);
}
