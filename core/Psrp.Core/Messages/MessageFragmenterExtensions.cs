using System.Buffers;
using Psrp.Fragments;

namespace Psrp.Messages;

/// <summary>Sends a <see cref="PsrpMessage"/> through a <see cref="Fragmenter"/>.</summary>
public static class MessageFragmenterExtensions
{
    /// <summary>
    /// Fragments a message without first copying header and data into one buffer: the header is
    /// built on the stack and the data is copied once, straight into the fragments.
    /// </summary>
    /// <param name="fragmenter">Supplies the object id and the fragment size.</param>
    /// <param name="message">The message to send.</param>
    /// <param name="output">Receives the fragments, back to back.</param>
    /// <returns>The object id given to the message.</returns>
    public static ulong WriteMessage(this Fragmenter fragmenter, in PsrpMessage message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(fragmenter);
        Span<byte> header = stackalloc byte[PsrpMessage.HeaderSize];
        message.WriteHeader(header);
        return fragmenter.Write(header, message.Data.Span, output);
    }
}
