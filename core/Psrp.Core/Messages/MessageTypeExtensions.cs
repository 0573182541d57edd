namespace Psrp.Messages;

/// <summary>Helpers that classify <see cref="MessageType"/> values.</summary>
public static class MessageTypeExtensions
{
    private const uint SessionMask = 0x00010000;
    private const uint RunspacePoolMask = 0x00021000;
    private const uint PipelineMask = 0x00041000;

    /// <summary>What the message type addresses, derived from its high bits, so it also works for types this library does not know.</summary>
    /// <param name="type">A message type, possibly unknown.</param>
    /// <returns>The target, or <see cref="MessageTarget.Unknown"/> when no mask matches.</returns>
    public static MessageTarget GetTarget(this MessageType type)
    {
        uint value = (uint)type;

        // Most specific first: the pipeline and pool masks share the 0x1000 bit.
        if ((value & PipelineMask) == PipelineMask)
        {
            return MessageTarget.Pipeline;
        }

        if ((value & RunspacePoolMask) == RunspacePoolMask)
        {
            return MessageTarget.RunspacePool;
        }

        if ((value & SessionMask) == SessionMask)
        {
            return MessageTarget.Session;
        }

        return MessageTarget.Unknown;
    }

    /// <summary>Whether the value is one of the named <see cref="MessageType"/> members.</summary>
    /// <param name="type">A message type, possibly unknown.</param>
    /// <returns><c>true</c> for a named member, including the PowerShell-internal ones.</returns>
    public static bool IsKnown(this MessageType type) => Enum.IsDefined(type);
}
