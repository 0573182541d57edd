using Psrp.Host;
using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>
/// The client console's raw-UI state sent with HostInfo so the server's host can answer
/// RawUI queries without a round trip. Keys 0–9 of PowerShell's HostDefaultData; absent values are omitted.
/// </summary>
public sealed record HostDefaultData
{
    /// <summary>Key 0.</summary>
    public ConsoleColor? ForegroundColor { get; init; }

    /// <summary>Key 1.</summary>
    public ConsoleColor? BackgroundColor { get; init; }

    /// <summary>Key 2.</summary>
    public Coordinates? CursorPosition { get; init; }

    /// <summary>Key 3.</summary>
    public Coordinates? WindowPosition { get; init; }

    /// <summary>Key 4.</summary>
    public int? CursorSize { get; init; }

    /// <summary>Key 5.</summary>
    public Size? BufferSize { get; init; }

    /// <summary>Key 6.</summary>
    public Size? WindowSize { get; init; }

    /// <summary>Key 7.</summary>
    public Size? MaxWindowSize { get; init; }

    /// <summary>Key 8.</summary>
    public Size? MaxPhysicalWindowSize { get; init; }

    /// <summary>Key 9.</summary>
    public string? WindowTitle { get; init; }

    private static readonly PsTypeNames HashtableNames = PsTypeNames.Hashtable;

    internal PsObject ToPsObject()
    {
        var data = new PsDictionary();
        Add(data, 0, "System.ConsoleColor", ForegroundColor is { } fg ? (int)fg : null);
        Add(data, 1, "System.ConsoleColor", BackgroundColor is { } bg ? (int)bg : null);
        Add(data, 2, "System.Management.Automation.Host.Coordinates", CursorPosition is { } cp ? Encode(cp) : null);
        Add(data, 3, "System.Management.Automation.Host.Coordinates", WindowPosition is { } wp ? Encode(wp) : null);
        Add(data, 4, "System.Int32", CursorSize);
        Add(data, 5, "System.Management.Automation.Host.Size", BufferSize is { } bs ? Encode(bs) : null);
        Add(data, 6, "System.Management.Automation.Host.Size", WindowSize is { } ws ? Encode(ws) : null);
        Add(data, 7, "System.Management.Automation.Host.Size", MaxWindowSize is { } mw ? Encode(mw) : null);
        Add(data, 8, "System.Management.Automation.Host.Size", MaxPhysicalWindowSize is { } mp ? Encode(mp) : null);
        Add(data, 9, "System.String", WindowTitle);
        var holder = new PsObject();
        holder.ExtendedProperties.Add("data", new PsObject(HashtableNames) { BaseValue = data });
        return holder;
    }

    private static void Add(PsDictionary data, int key, string typeName, object? value)
    {
        if (value is null)
        {
            return;
        }

        var entry = new PsObject();
        entry.ExtendedProperties.Add("T", typeName);
        entry.ExtendedProperties.Add("V", value);
        data.Add(key, entry);
    }

    internal static PsObject Encode(Coordinates c)
    {
        var obj = new PsObject();
        obj.ExtendedProperties.Add("x", c.X);
        obj.ExtendedProperties.Add("y", c.Y);
        return obj;
    }

    internal static PsObject Encode(Size s)
    {
        var obj = new PsObject();
        obj.ExtendedProperties.Add("width", s.Width);
        obj.ExtendedProperties.Add("height", s.Height);
        return obj;
    }

    internal static HostDefaultData FromPsObject(PsObject holder, MessageType type)
    {
        var dataObj = PayloadFields.OptionalObject(holder, "data", type);
        var result = new HostDefaultData();
        if (dataObj?.Dictionary is not { } data)
        {
            return result;
        }

        foreach (var (key, raw) in data)
        {
            if (key is null || raw is not PsObject entry)
            {
                continue;
            }

            var value = entry["V"];
            if (value is null)
            {
                continue;
            }

            result = PayloadFields.Convert<int>(key, "data key", type) switch
            {
                0 => result with { ForegroundColor = (ConsoleColor)PayloadFields.Convert<int>(value, "ForegroundColor", type) },
                1 => result with { BackgroundColor = (ConsoleColor)PayloadFields.Convert<int>(value, "BackgroundColor", type) },
                2 => result with { CursorPosition = DecodeCoordinates(value, type) },
                3 => result with { WindowPosition = DecodeCoordinates(value, type) },
                4 => result with { CursorSize = PayloadFields.Convert<int>(value, "CursorSize", type) },
                5 => result with { BufferSize = DecodeSize(value, type) },
                6 => result with { WindowSize = DecodeSize(value, type) },
                7 => result with { MaxWindowSize = DecodeSize(value, type) },
                8 => result with { MaxPhysicalWindowSize = DecodeSize(value, type) },
                9 => result with { WindowTitle = value.ToString() },
                _ => result,
            };
        }

        return result;
    }

    internal static Coordinates DecodeCoordinates(object value, MessageType type)
    {
        var obj = PayloadFields.AsObject(value, type);
        return new Coordinates(PayloadFields.Required<int>(obj, "x", type), PayloadFields.Required<int>(obj, "y", type));
    }

    internal static Size DecodeSize(object value, MessageType type)
    {
        var obj = PayloadFields.AsObject(value, type);
        return new Size(PayloadFields.Required<int>(obj, "width", type), PayloadFields.Required<int>(obj, "height", type));
    }
}
