using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>
/// Reading the note properties of a received message body with typed, located errors: a
/// missing or mistyped field names the message type and the field, never a bare cast failure.
/// </summary>
internal static class PayloadFields
{
    public static PsObject AsObject(object? value, MessageType type) =>
        value as PsObject ?? throw new PsrpProtocolException(
            PsrpProtocolError.InvalidValue,
            $"The body of {type} must be an object with properties, but was {Describe(value)}.");

    public static T Required<T>(PsObject body, string name, MessageType type)
    {
        var property = body.FindProperty(name) ?? throw new PsrpProtocolException(
            PsrpProtocolError.InvalidValue, $"{type} has no '{name}' property.");
        if (property.Value is null)
        {
            throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, $"{type} property '{name}' is null.");
        }

        return Convert<T>(property.Value, name, type);
    }

    public static T? Optional<T>(PsObject body, string name, MessageType type, T? fallback = default)
    {
        var value = body.FindProperty(name)?.Value;
        return value is null ? fallback : Convert<T>(value, name, type);
    }

    public static T Convert<T>(object value, string name, MessageType type)
    {
        try
        {
            return PsValue.ConvertTo<T>(value);
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException or ArgumentException)
        {
            throw new PsrpProtocolException(
                PsrpProtocolError.InvalidValue,
                $"{type} property '{name}' holds {Describe(value)}, which is not a {typeof(T).Name}.",
                ex);
        }
    }

    /// <summary>The object of a property, or null when absent or Nil.</summary>
    public static PsObject? OptionalObject(PsObject body, string name, MessageType type) =>
        body.FindProperty(name)?.Value switch
        {
            null => null,
            PsObject obj => obj,
            var other => throw new PsrpProtocolException(
                PsrpProtocolError.InvalidValue, $"{type} property '{name}' must be an object, but was {Describe(other)}."),
        };

    /// <summary>The items of a list-valued property (an Obj with LST/IE), or empty when absent or Nil.</summary>
    public static IReadOnlyList<object?> OptionalList(PsObject body, string name, MessageType type) =>
        body.FindProperty(name)?.Value switch
        {
            null => [],
            PsObject { BaseValue: PsList list } => list,
            PsList list => list,
            var other => throw new PsrpProtocolException(
                PsrpProtocolError.InvalidValue, $"{type} property '{name}' must be a list, but was {Describe(other)}."),
        };

    private static string Describe(object? value) => value switch
    {
        null => "null",
        PsObject obj => obj.TypeNames.MostDerived is { } t ? $"an object of type {t}" : "an object",
        _ => $"a {value.GetType().Name}",
    };
}
