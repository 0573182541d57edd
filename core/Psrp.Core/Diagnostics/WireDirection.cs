namespace Psrp.Diagnostics;

/// <summary>Which way a packet or envelope went, seen from the client.</summary>
public enum WireDirection
{
    /// <summary>Client to server.</summary>
    Sent,

    /// <summary>Server to client.</summary>
    Received,
}
