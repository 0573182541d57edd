namespace Psrp.Transport;

/// <summary>
/// A tuning option has a value the protocol cannot carry (a fragment smaller than its header, a
/// size past what a length field or a buffer can hold). <see cref="ArgumentException.ParamName"/>
/// is the option's name; the message says what range is allowed and why.
/// </summary>
public sealed class PsrpOptionException : ArgumentOutOfRangeException
{
    /// <summary>Creates the error for <paramref name="option"/>.</summary>
    public PsrpOptionException(string option, object? value, string message)
        : base(option, value, message)
    {
    }

    /// <summary>Creates an empty error (for serializers and tests).</summary>
    public PsrpOptionException()
    {
    }

    /// <summary>Creates the error with only a message.</summary>
    public PsrpOptionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and a cause.</summary>
    public PsrpOptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
