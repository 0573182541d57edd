namespace Psrp.Providers.WSMan.Soap;

/// <summary>One <c>rsp:Stream</c> of a ReceiveResponse: fragment bytes on a stream of the shell or a command.</summary>
/// <param name="Name">The stream name (<c>stdout</c> for PowerShell).</param>
/// <param name="CommandId">The command, or null for the shell.</param>
/// <param name="Bytes">The decoded base64 payload.</param>
/// <param name="End">Whether the server marked the stream ended.</param>
internal sealed record ReceivedStream(string Name, Guid? CommandId, byte[] Bytes, bool End);
