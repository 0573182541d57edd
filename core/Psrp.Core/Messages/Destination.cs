namespace Psrp.Messages;

/// <summary>The Destination field of a PSRP message header: who the message is for (MS-PSRP 2.2.1).</summary>
public enum Destination : uint
{
    /// <summary>The message goes to the client (the server sent it).</summary>
    Client = 0x00000001,

    /// <summary>The message goes to the server (the client sent it).</summary>
    Server = 0x00000002,

    /// <summary>
    /// Defined by PowerShell for its listener but never seen on the wire; listed so a decoded
    /// value has a name, not because anything should send it.
    /// </summary>
    Listener = 0x00000004,
}
