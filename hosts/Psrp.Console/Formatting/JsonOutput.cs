using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Psrp.Serialization;

namespace Psrp.Cli.Formatting;

/// <summary>
/// Writes output objects as JSON Lines: one compact JSON value per object. Strings, numbers and
/// booleans become JSON primitives; dates (ISO 8601), time spans, GUIDs and other values their text;
/// byte arrays base64; lists arrays; hashtables and property bags objects (adapted properties, then
/// note properties). A primitive with notes attached is its primitive; enums are their integer, as
/// ConvertTo-Json writes them. Nesting deeper than <see cref="MaxDepth"/> is cut to the value's text,
/// and so is a value met again inside itself (PowerShell sends self-references; following one
/// would recurse until the stack overflows, or fan out to the depth limit).
/// </summary>
internal static class JsonOutput
{
    public const int MaxDepth = 16;

    /// <summary>One JSON line for <paramref name="value"/>.</summary>
    public static string ToJsonLine(object? value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = false,

            // Readable text (é, <, '), still valid JSON: the output is for jq and scripts, not for HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            Write(writer, value, 0, []);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <param name="path">The containers and objects being written around this value, outermost first.</param>
    private static void Write(Utf8JsonWriter writer, object? value, int depth, List<object> path)
    {
        if (value is PsObject or PsList or PsDictionary && (depth > MaxDepth || path.Contains(value)))
        {
            writer.WriteStringValue(ValueText.Of(value));
            return;
        }

        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case char c:
                writer.WriteStringValue(c.ToString());
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case byte or sbyte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                writer.WriteNumberValue(u);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case float or double:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(d))
                {
                    writer.WriteNumberValue(d);
                }
                else
                {
                    writer.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case DateTime dt:
                writer.WriteStringValue(dt.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset dto:
                writer.WriteStringValue(dto.ToString("O", CultureInfo.InvariantCulture));
                break;
            case TimeSpan ts:
                writer.WriteStringValue(ts.ToString("c", CultureInfo.InvariantCulture));
                break;
            case Guid g:
                writer.WriteStringValue(g.ToString("D", CultureInfo.InvariantCulture));
                break;
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
                break;
            case PsList list:
                path.Add(list);
                WriteArray(writer, list, depth, path);
                path.RemoveAt(path.Count - 1);
                break;
            case PsDictionary dictionary:
                path.Add(dictionary);
                WriteDictionary(writer, dictionary, depth, path);
                path.RemoveAt(path.Count - 1);
                break;
            case PsObject obj:
                path.Add(obj);
                WriteObject(writer, obj, depth, path);
                path.RemoveAt(path.Count - 1);
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, PsObject obj, int depth, List<object> path)
    {
        if (obj.BaseValue is not null)
        {
            Write(writer, obj.BaseValue, depth, path);
            return;
        }

        var properties = TextFormatter.DisplayProperties(obj);
        if (properties.Count == 0)
        {
            writer.WriteStringValue(obj.ToString());
            return;
        }

        writer.WriteStartObject();
        foreach (var property in properties)
        {
            writer.WritePropertyName(property.Name);
            Write(writer, property.Value, depth + 1, path);
        }

        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, PsList list, int depth, List<object> path)
    {
        writer.WriteStartArray();
        foreach (var item in list)
        {
            Write(writer, item, depth + 1, path);
        }

        writer.WriteEndArray();
    }

    private static void WriteDictionary(Utf8JsonWriter writer, PsDictionary dictionary, int depth, List<object> path)
    {
        writer.WriteStartObject();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in dictionary)
        {
            var name = ValueText.Of(key);
            if (!seen.Add(name))
            {
                // JSON objects cannot repeat a name; the wire can (keys of different types with one text).
                continue;
            }

            writer.WritePropertyName(name);
            Write(writer, value, depth + 1, path);
        }

        writer.WriteEndObject();
    }
}
