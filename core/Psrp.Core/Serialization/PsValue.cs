using System.Globalization;

namespace Psrp.Serialization;

/// <summary>Conversions from deserialized values to the .NET types callers ask for.</summary>
public static class PsValue
{
    /// <summary>
    /// Converts a deserialized value to <typeparamref name="T"/>: exact types pass through,
    /// enum-shaped <see cref="PsObject"/>s give their integer (or the enum of that value),
    /// numbers convert between numeric types, anything else fails with <see cref="InvalidCastException"/>.
    /// </summary>
    public static T ConvertTo<T>(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is T typed)
        {
            return typed;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        var unwrapped = value is PsObject { BaseValue: { } baseValue } and not { BaseValue: PsList or PsDictionary }
            ? baseValue
            : value;
        if (unwrapped is T unwrappedTyped)
        {
            return unwrappedTyped;
        }

        if (target.IsEnum && unwrapped is IConvertible)
        {
            return (T)Enum.ToObject(target, Convert.ToInt64(unwrapped, CultureInfo.InvariantCulture));
        }

        if (target == typeof(string))
        {
            return (T)(object)(unwrapped.ToString() ?? string.Empty);
        }

        if (unwrapped is IConvertible && typeof(IConvertible).IsAssignableFrom(target))
        {
            return (T)Convert.ChangeType(unwrapped, target, CultureInfo.InvariantCulture);
        }

        throw new InvalidCastException($"Cannot convert a value of type {unwrapped.GetType().Name} to {target.Name}.");
    }
}
