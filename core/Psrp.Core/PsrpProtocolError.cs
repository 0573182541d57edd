namespace Psrp;

/// <summary>What was wrong with input received from a peer.</summary>
public enum PsrpProtocolError
{
    /// <summary>Input ended inside a fragment header.</summary>
    TruncatedHeader,

    /// <summary>Fragment flags do not fit the object being reassembled.</summary>
    InvalidFragmentFlags,

    /// <summary>A fragment id is not the next one expected.</summary>
    FragmentIdOutOfSequence,

    /// <summary>A fragment belongs to a different object than the one being reassembled.</summary>
    ObjectIdMismatch,

    /// <summary>A length field is negative or impossible.</summary>
    InvalidLength,

    /// <summary>A reassembled object would exceed the configured maximum size.</summary>
    ObjectTooLarge,

    /// <summary>A message header is short or malformed.</summary>
    InvalidMessageHeader,

    /// <summary>The CLIXML is not well-formed XML or uses forbidden XML features (DTDs, entities).</summary>
    MalformedXml,

    /// <summary>A configured limit (depth, element count, string length) was exceeded.</summary>
    LimitExceeded,

    /// <summary>An element appeared where the CLIXML grammar does not allow it.</summary>
    UnexpectedElement,

    /// <summary>A value could not be parsed as its declared type, or a reference points nowhere.</summary>
    InvalidValue,

    /// <summary>A message type this implementation does not know.</summary>
    UnknownMessageType,
}
