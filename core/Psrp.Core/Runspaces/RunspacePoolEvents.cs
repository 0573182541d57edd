using Psrp.Messages;
using Psrp.Serialization;

namespace Psrp.Runspaces;

/// <summary>What a received pool-level message means to the client; produced by <see cref="ClientRunspacePoolMachine"/>.</summary>
public abstract record RunspacePoolEvent;

/// <summary>The pool changed state; <paramref name="Error"/> is the server's reason when Broken.</summary>
public sealed record PoolStateChanged(RunspacePoolState State, PsErrorRecord? Error) : RunspacePoolEvent;

/// <summary>The server's capability arrived and the protocol version is settled.</summary>
public sealed record ProtocolNegotiated(Version ProtocolVersion, SessionCapability Server) : RunspacePoolEvent;

/// <summary>APPLICATION_PRIVATE_DATA arrived.</summary>
public sealed record PrivateDataReceived(PsDictionary Data) : RunspacePoolEvent;

/// <summary>The answer to a SetMin/Max, GetAvailable or ResetRunspaceState request.</summary>
public sealed record AvailabilityReceived(RunspaceAvailability Response) : RunspacePoolEvent;

/// <summary>A host call against the pool's host.</summary>
public sealed record PoolHostCallReceived(RemoteHostCall Call) : RunspacePoolEvent;

/// <summary>A forwarded engine event.</summary>
public sealed record UserEventReceived(UserEvent Event) : RunspacePoolEvent;

/// <summary>The server sent the encrypted session key.</summary>
public sealed record SessionKeyReceived(EncryptedSessionKey Key) : RunspacePoolEvent;

/// <summary>The server asked for the client's public key (protocol 2.0/2.1 servers).</summary>
public sealed record PublicKeyRequested : RunspacePoolEvent;
