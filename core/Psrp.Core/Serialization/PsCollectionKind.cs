namespace Psrp.Serialization;

/// <summary>Which CLIXML container element a <see cref="PsList"/> came from or is written as.</summary>
public enum PsCollectionKind
{
    /// <summary><c>&lt;LST&gt;</c>: arrays and IList.</summary>
    List,

    /// <summary><c>&lt;IE&gt;</c>: other enumerables.</summary>
    Enumerable,

    /// <summary><c>&lt;STK&gt;</c>: a stack, written top first.</summary>
    Stack,

    /// <summary><c>&lt;QUE&gt;</c>: a queue, written head first.</summary>
    Queue,
}
