using System.Globalization;

namespace Psrp.Serialization;

/// <summary>Conversions from deserialized values to the .NET types callers ask for.</summary>
public static class PsValue
{
    /// <summary>
    /// Converts a deserialized value to <typeparamref name="T"/>: exact types pass through,
    /// enum-shaped <see cref="PsObject"/>s give their integer (or the enum of that value, whatever its
    /// underlying type), enum names convert to the enum,
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

        if (target.IsEnum && unwrapped is sbyte or byte or short or ushort or int or uint or long or ulong)
        {
            // Enum.ToObject takes any integral box; going through Int64 would overflow for ulong flags.
            return (T)Enum.ToObject(target, unwrapped);
        }

        if (target.IsEnum && unwrapped is string name)
        {
            return Enum.TryParse(target, name, ignoreCase: true, out var parsed)
                ? (T)parsed
                : throw new InvalidCastException($"'{name}' is not a value of {target.Name}.");
        }

        if (target == typeof(string))
        {
            return (T)(object)(unwrapped.ToString() ?? string.Empty);
        }

        if (unwrapped is IConvertible && typeof(IConvertible).IsAssignableFrom(target))
        {
            try
            {
                return (T)Convert.ChangeType(unwrapped, target, CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                // The documented failure is InvalidCastException, which callers catch: text that is
                // no number, or a number out of range, is a value of the wrong type all the same.
                throw new InvalidCastException($"Cannot convert the {unwrapped.GetType().Name} value '{Shown(unwrapped)}' to {target.Name}: {ex.Message}", ex);
            }
        }

        throw new InvalidCastException($"Cannot convert a value of type {unwrapped.GetType().Name} to {target.Name}.");
    }

    private static string Shown(object value)
    {
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        return text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");
    }
}
