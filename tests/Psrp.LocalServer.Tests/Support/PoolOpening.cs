using System.Diagnostics;
using Psrp.Messages;

namespace Psrp.LocalServer.Tests.Support;

/// <summary>What the server sent until it reported the pool Opened.</summary>
internal sealed record PoolOpening(
    ReceivedMessage Capability,
    ReceivedMessage Opened,
    IReadOnlyList<ReceivedMessage> Messages,
    IReadOnlyList<string> Order,
    TimeSpan FirstLine,
    TimeSpan OpenedAfter)
{
    /// <summary>
    /// Sends the first Data packet and reads until SESSION_CAPABILITY, the DataAck for the
    /// pool channel and RUNSPACEPOOL_STATE have all arrived, in whatever order.
    /// </summary>
    public static async Task<PoolOpening> OpenAsync(LocalServerProcess server)
    {
        await server.SendLineAsync(GoldenCreation.DataLine);

        ReceivedMessage? capability = null, state = null;
        bool acked = false;
        TimeSpan? firstLine = null, openedAfter = null;
        var messages = new List<ReceivedMessage>();
        var order = new List<string>();
        while (capability is null || state is null || !acked)
        {
            if (order.Count > 20)
            {
                throw server.Failure("The server sent 20 packets without completing the pool opening.");
            }

            (OutOfProcPacket packet, IReadOnlyList<ReceivedMessage> received) = await server.ReadPacketAsync();
            firstLine ??= server.Elapsed;
            if (packet.PSGuid != Guid.Empty)
            {
                throw server.Failure($"Unexpected packet for a pipeline channel while opening the pool: {packet}");
            }

            if (packet.Element == "DataAck")
            {
                acked = true;
                order.Add("DataAck");
            }
            else if (packet.Element != "Data")
            {
                throw server.Failure($"Unexpected packet while opening the pool: {packet}");
            }

            foreach (ReceivedMessage message in received)
            {
                messages.Add(message);
                order.Add(message.Type.ToString());
                if (message.Type == MessageType.SessionCapability)
                {
                    capability = message;
                }
                else if (message.Payload is RunspacePoolStateMessage poolState)
                {
                    if (poolState.State != RunspacePoolState.Opened)
                    {
                        throw server.Failure($"The pool went {poolState.State} instead of Opened: {poolState.Error}");
                    }

                    state = message;
                    openedAfter = server.Elapsed;
                }
            }
        }

        Debug.Assert(firstLine is not null && openedAfter is not null);
        return new PoolOpening(capability, state, messages, order, firstLine.Value, openedAfter.Value);
    }
}
