namespace Psrp;

/// <summary>
/// What was wrong with the bytes a peer sent. Carried by <see cref="PsrpProtocolException.Code"/>
/// so callers (and tests) can react to the kind of failure without parsing messages.
/// </summary>
/// <remarks>
/// Values are explicit so that logs and telemetry stay comparable across versions; new members
/// are only ever appended.
/// </remarks>
public enum PsrpProtocolError
{
    /// <summary>The input ended inside a 21-byte fragment header.</summary>
    TruncatedHeader = 1,

    /// <summary>The input ended before all the blob bytes announced by a fragment header arrived.</summary>
    TruncatedFragment = 2,

    /// <summary>The input ended after the first fragments of an object but before its End fragment.</summary>
    IncompleteObject = 3,

    /// <summary>
    /// A fragment's Start/End flags do not fit the reassembly state: a continuation without a
    /// preceding Start, or a Start while another object is still open.
    /// </summary>
    InvalidFragmentFlags = 4,

    /// <summary>A fragment id is not the expected one (0 for a Start fragment, previous + 1 otherwise).</summary>
    FragmentIdOutOfSequence = 5,

    /// <summary>A continuation fragment belongs to a different object than the one being reassembled.</summary>
    ObjectIdMismatch = 6,

    /// <summary>A fragment carries an object id that is not allowed (0).</summary>
    InvalidObjectId = 7,

    /// <summary>A length field is impossible (for example a blob length with the top bit set).</summary>
    InvalidLength = 8,

    /// <summary>A reassembled object would exceed the configured maximum object size.</summary>
    ObjectTooLarge = 9,

    /// <summary>A PSRP message is too short for its 40-byte header, or the header is otherwise unusable.</summary>
    InvalidMessageHeader = 10,

    /// <summary>Message data is not well-formed XML.</summary>
    MalformedXml = 11,

    /// <summary>A configured safety limit (depth, element count, string length, …) was exceeded.</summary>
    LimitExceeded = 12,

    /// <summary>An XML element or structure appeared where the protocol does not allow it.</summary>
    UnexpectedElement = 13,

    /// <summary>A value is syntactically valid but outside what the protocol allows.</summary>
    InvalidValue = 14,

    /// <summary>A message type the receiver does not know or does not accept in its role.</summary>
    UnknownMessageType = 15,

    /// <summary>A transport packet (an out-of-process line, a WSMan envelope) is malformed.</summary>
    InvalidPacket = 16,

    /// <summary>The peer broke the protocol's sequence rules (a message or packet at the wrong time).</summary>
    UnexpectedMessage = 17,
}
