using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Xml;

namespace Psrp.Serialization;

/// <summary>
/// Writes values as CLIXML in PowerShell's layout (the byte form its remoting stack produces):
/// primitives as their elements, <see cref="PsObject"/>s as <c>Obj</c> with <c>TN</c>/<c>TNRef</c>,
/// <c>ToString</c>, base value or container, <c>Props</c> and <c>MS</c>, and repeated references
/// as <c>Ref</c>. Plain .NET values are mapped the way PowerShell would serialize them: enums as
/// enum objects over their underlying integer, collections under their own type names in the
/// container PowerShell picks (<c>DCT</c>, <c>STK</c>, <c>QUE</c>, <c>LST</c>, <c>IE</c>), and
/// any other object as its type names and ToString text (no properties).
/// </summary>
public sealed class ClixmlWriter
{
    private readonly Utf8XmlOutput _out;
    private readonly int _maxDepth;
    private readonly Dictionary<object, int> _objectRefs = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PsTypeNames, int> _typeRefs = [];
    private int _nextObjectRef;
    private int _nextTypeRef;

    private ClixmlWriter(IBufferWriter<byte> output, int maxDepth)
    {
        _out = new Utf8XmlOutput(output);
        _maxDepth = maxDepth;
    }

    /// <summary>
    /// Writes one value, as a PSRP message body: no XML declaration, no root, no BOM.
    /// Reference ids start at 0 for each call, as PowerShell numbers them per message.
    /// </summary>
    /// <param name="output">Receives the UTF-8 bytes.</param>
    /// <param name="value">The value: null, a primitive, a model object, or a plain .NET value.</param>
    /// <param name="maxDepth">
    /// Deepest nesting of <c>Obj</c> elements allowed (a top-level object is depth 1), the same
    /// measure as <see cref="ClixmlLimits.MaxDepth"/>; deeper values throw <see cref="ArgumentException"/>.
    /// </param>
    public static void Serialize(IBufferWriter<byte> output, object? value, int maxDepth = 128)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        new ClixmlWriter(output, maxDepth).WriteValue(value, null, 0);
    }

    /// <summary>Writes one value and returns the UTF-8 bytes.</summary>
    public static byte[] SerializeToBytes(object? value, int maxDepth = 128)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Serialize(buffer, value, maxDepth);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes one value and returns the text.</summary>
    public static string SerializeToString(object? value, int maxDepth = 128)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Serialize(buffer, value, maxDepth);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Writes a plain CLIXML document (<c>&lt;Objs Version="1.1.0.1" xmlns=…&gt;</c>) holding the values,
    /// the form Export-Clixml and <c>PSSerializer.Serialize</c> produce. Reference ids run across the document.
    /// </summary>
    public static void SerializeDocument(IBufferWriter<byte> output, IEnumerable<object?> values, int maxDepth = 128)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        var writer = StartDocument(output, maxDepth);
        foreach (var value in values)
        {
            writer.WriteValue(value, null, 0);
        }

        writer.EndDocument();
    }

    /// <summary>Starts a document for <see cref="ClixmlDocumentWriter"/>: writes the opening <c>Objs</c>.</summary>
    internal static ClixmlWriter StartDocument(IBufferWriter<byte> output, int maxDepth)
    {
        var writer = new ClixmlWriter(output, maxDepth);
        writer._out.Raw("<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"u8);
        return writer;
    }

    /// <summary>
    /// Writes one top-level value of a streamed document. Reference ids keep running, but the objects
    /// written are forgotten afterwards, so a long document holds none of them.
    /// </summary>
    internal void WriteDocumentValue(object? value)
    {
        WriteValue(value, null, 0);
        _objectRefs.Clear();
    }

    /// <summary>Ends a streamed document: writes the closing <c>Objs</c>.</summary>
    internal void EndDocument() => _out.Raw("</Objs>"u8);

    private void WriteValue(object? value, string? name, int depth)
    {
        switch (value)
        {
            case null:
                Empty(ClixmlElement.Nil, name);
                return;
            case string s:
                TextElement(ClixmlElement.String, name, s, psEncode: true);
                return;
            case PsObject obj:
                WriteObject(obj, name, depth + 1);
                return;
            case int i:
                Number(ClixmlElement.Int32, name, i);
                return;
            case bool b:
                Open(ClixmlElement.Boolean, name);
                _out.Raw(b ? "true"u8 : "false"u8);
                Close(ClixmlElement.Boolean);
                return;
            case long l:
                Number(ClixmlElement.Int64, name, l);
                return;
            case char c:
                Number(ClixmlElement.Char, name, (ushort)c);
                return;
            case byte by:
                Number(ClixmlElement.Byte, name, by);
                return;
            case sbyte sb:
                Number(ClixmlElement.SByte, name, sb);
                return;
            case short sh:
                Number(ClixmlElement.Int16, name, sh);
                return;
            case ushort us:
                Number(ClixmlElement.UInt16, name, us);
                return;
            case uint ui:
                Number(ClixmlElement.UInt32, name, ui);
                return;
            case ulong ul:
                Number(ClixmlElement.UInt64, name, ul);
                return;
            case float f:
                Floating(ClixmlElement.Single, name, f);
                return;
            case double d:
                Floating(ClixmlElement.Double, name, d);
                return;
            case decimal m:
                // XmlConvert.ToString(decimal) is the invariant general format, which keeps the scale ("1.10").
                Number(ClixmlElement.Decimal, name, m);
                return;
            case DateTime dt:
                Open(ClixmlElement.DateTime, name);
                _out.Format(dt, dt.Kind switch
                {
                    // XmlConvert.ToString(dt, RoundtripKind): trailing zero digits of the fraction (and
                    // the point, if nothing is left) dropped; Z for UTC, the zone's offset for Local.
                    DateTimeKind.Utc => "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
                    DateTimeKind.Local => "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
                    _ => "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
                });
                Close(ClixmlElement.DateTime);
                return;
            case TimeSpan ts:
                TextElement(ClixmlElement.TimeSpan, name, XmlConvert.ToString(ts), psEncode: false);
                return;
            case Guid g:
                Open(ClixmlElement.Guid, name);
                _out.Format(g, "D");
                Close(ClixmlElement.Guid);
                return;
            case Uri uri:
                TextElement(ClixmlElement.Uri, name, uri.OriginalString, psEncode: true);
                return;
            case Version v:
                Open(ClixmlElement.Version, name);
                _out.Format(v);
                Close(ClixmlElement.Version);
                return;
            case byte[] bytes:
                if (bytes.Length == 0)
                {
                    // PowerShell writes an empty array as an empty element; match its bytes.
                    Empty(ClixmlElement.ByteArray, name);
                    return;
                }

                Open(ClixmlElement.ByteArray, name);
                _out.Base64(bytes);
                Close(ClixmlElement.ByteArray);
                return;
            case PsScriptBlock sbk:
                TextElement(ClixmlElement.ScriptBlock, name, sbk.Text, psEncode: true);
                return;
            case PsXmlDocument xd:
                TextElement(ClixmlElement.XmlDocument, name, xd.OuterXml, psEncode: true);
                return;
            case XmlDocument xml:
                TextElement(ClixmlElement.XmlDocument, name, xml.OuterXml, psEncode: true);
                return;
            case PsSecureString ss:
                TextElement(ClixmlElement.SecureString, name, ss.EncodedValue, psEncode: false);
                return;
            case PsProgressRecord pr:
                WriteProgressRecord(pr, name);
                return;
            case Enum e:
                WriteEnum(e, name, depth + 1);
                return;
            case PsList list:
                WriteBareContainer(list, BareListTypeNames(list.Kind), name, depth + 1);
                return;
            case PsDictionary dictionary:
                WriteBareContainer(dictionary, PsTypeNames.Hashtable, name, depth + 1);
                return;
            case IEnumerable enumerable:
                WriteBareContainer(enumerable, ClrTypeShape.For(enumerable.GetType()).TypeNames, name, depth + 1);
                return;
            default:
                // A .NET object this serializer has no mapping for degrades to its type names and
                // ToString, as PowerShell does for objects past its serialization depth.
                WriteUnknown(value, name, depth + 1);
                return;
        }
    }

    private static PsTypeNames BareListTypeNames(PsCollectionKind kind) => kind switch
    {
        PsCollectionKind.Stack => StackTypeNames,
        PsCollectionKind.Queue => QueueTypeNames,
        _ => PsTypeNames.ObjectArray,
    };

    private static readonly PsTypeNames StackTypeNames = new("System.Collections.Stack", "System.Object");
    private static readonly PsTypeNames QueueTypeNames = new("System.Collections.Queue", "System.Object");

    /// <summary>
    /// An enum travels as an object with the enum's type names, its ToString text and its value as
    /// the underlying integer type (<c>By</c>, <c>I64</c>, <c>U64</c>… — not always <c>I32</c>).
    /// </summary>
    private void WriteEnum(Enum value, string? name, int depth)
    {
        CheckDepth(depth);
        // A boxed enum has no identity worth preserving: PowerShell never writes Ref for one either.
        OpenObject(null, name);
        WriteTypeNames(ClrTypeShape.For(value.GetType()).TypeNames);
        TextElement(ClixmlElement.ToStringElement, null, value.ToString(), psEncode: true);
        switch (value.GetTypeCode())
        {
            case TypeCode.Int32: Number(ClixmlElement.Int32, null, (int)(object)value); break;
            case TypeCode.Int64: Number(ClixmlElement.Int64, null, (long)(object)value); break;
            case TypeCode.Byte: Number(ClixmlElement.Byte, null, (byte)(object)value); break;
            case TypeCode.SByte: Number(ClixmlElement.SByte, null, (sbyte)(object)value); break;
            case TypeCode.Int16: Number(ClixmlElement.Int16, null, (short)(object)value); break;
            case TypeCode.UInt16: Number(ClixmlElement.UInt16, null, (ushort)(object)value); break;
            case TypeCode.UInt32: Number(ClixmlElement.UInt32, null, (uint)(object)value); break;
            case TypeCode.UInt64: Number(ClixmlElement.UInt64, null, (ulong)(object)value); break;
            default: throw new ArgumentException($"The enum type {value.GetType()} has an unsupported underlying type.");
        }

        _out.Raw("</Obj>"u8);
    }

    private void WriteUnknown(object value, string? name, int depth)
    {
        CheckDepth(depth);
        if (TryWriteRef(value, name))
        {
            return;
        }

        OpenObject(value, name);
        WriteTypeNames(ClrTypeShape.For(value.GetType()).TypeNames);
        if (value.ToString() is { } text)
        {
            TextElement(ClixmlElement.ToStringElement, null, text, psEncode: true);
        }

        _out.Raw("</Obj>"u8);
    }

    private void CheckDepth(int depth)
    {
        if (depth > _maxDepth)
        {
            throw new ArgumentException($"The value nests deeper than {_maxDepth} levels; it cannot be serialized.");
        }

        // maxDepth bounds recursion; this guards callers who raise it beyond what the stack holds.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
    }

    /// <summary>Writes a collection that is not wrapped in a <see cref="PsObject"/> as an Obj of the given type.</summary>
    private void WriteBareContainer(object container, PsTypeNames typeNames, string? name, int depth)
    {
        CheckDepth(depth);
        if (TryWriteRef(container, name))
        {
            return;
        }

        OpenObject(container, name);
        WriteTypeNames(typeNames);
        WriteContainer(container, depth);
        _out.Raw("</Obj>"u8);
    }

    private bool TryWriteRef(object target, string? name)
    {
        if (!_objectRefs.TryGetValue(target, out var id))
        {
            return false;
        }

        _out.Raw("<Ref"u8);
        NameAttribute(name);
        _out.Raw(" RefId=\""u8);
        _out.Format(id);
        _out.Raw("\" />"u8);
        return true;
    }

    /// <summary>Opens an <c>Obj</c> with the next RefId; a non-null identity can be referred back to with <c>Ref</c>.</summary>
    private void OpenObject(object? identity, string? name)
    {
        var id = _nextObjectRef++;
        if (identity is not null)
        {
            _objectRefs[identity] = id;
        }

        _out.Raw("<Obj"u8);
        NameAttribute(name);
        _out.Raw(" RefId=\""u8);
        _out.Format(id);
        _out.Raw("\">"u8);
    }

    private void WriteObject(PsObject obj, string? name, int depth)
    {
        CheckDepth(depth);
        if (TryWriteRef(obj, name))
        {
            return;
        }

        OpenObject(obj, name);
        if (obj.TypeNames.Count > 0)
        {
            WriteTypeNames(obj.TypeNames);
        }

        if (obj.ToStringValue is { } toString)
        {
            TextElement(ClixmlElement.ToStringElement, null, toString, psEncode: true);
        }

        switch (obj.BaseValue)
        {
            case null:
                break;
            case PsList or PsDictionary or IDictionary:
                WriteContainer(obj.BaseValue, depth);
                break;
            case IEnumerable and not string and not byte[]:
                WriteContainer(obj.BaseValue, depth);
                break;
            default:
                // Primitives, and a nested Obj: PowerShell reads one as the base object, and the
                // reader keeps it, so writing it back keeps a round trip lossless.
                WriteValue(obj.BaseValue, null, depth);
                break;
        }

        WriteProperties("<Props>"u8, "</Props>"u8, obj.AdaptedView, depth);
        WriteProperties("<MS>"u8, "</MS>"u8, obj.ExtendedView, depth);
        _out.Raw("</Obj>"u8);
    }

    private void WriteProperties(ReadOnlySpan<byte> open, ReadOnlySpan<byte> close, PropertySetView properties, int depth)
    {
        if (properties.Count == 0)
        {
            return;
        }

        _out.Raw(open);
        for (var i = 0; i < properties.Count; i++)
        {
            if (properties.TryGetPacked(i, out var packedName, out var kind, out var bits))
            {
                // An integer the reader left unboxed: written as is, so writing never boxes it.
                if (kind!.IsInt64)
                {
                    Number(ClixmlElement.Int64, packedName, bits);
                }
                else
                {
                    Number(ClixmlElement.Int32, packedName, (int)bits);
                }

                continue;
            }

            var property = properties[i];
            WriteValue(property.Value, property.Name, depth);
        }

        _out.Raw(close);
    }

    private void WriteContainer(object container, int depth)
    {
        switch (container)
        {
            case PsList list:
                WriteItems(ListTag(list.Kind), list, depth);
                break;
            case PsDictionary dictionary:
                WriteEntries(dictionary, depth);
                break;
            case IDictionary dictionary:
                WriteEntries(dictionary, depth);
                break;
            case IList list:
                WriteItems(ListTag(ClrTypeShape.For(list.GetType()).ListKind ?? PsCollectionKind.List), list, depth);
                break;
            case IEnumerable enumerable:
                WriteItems(ListTag(ClrTypeShape.For(enumerable.GetType()).ListKind ?? PsCollectionKind.Enumerable), enumerable, depth);
                break;
        }
    }

    private static string ListTag(PsCollectionKind kind) => kind switch
    {
        PsCollectionKind.Enumerable => ClixmlElement.Enumerable,
        PsCollectionKind.Stack => ClixmlElement.Stack,
        PsCollectionKind.Queue => ClixmlElement.Queue,
        _ => ClixmlElement.List,
    };

    /// <summary>Lists by index, so neither a PsList nor an array boxes an enumerator.</summary>
    private void WriteItems(string tag, IList items, int depth)
    {
        if (items.Count == 0)
        {
            Empty(tag, null);
            return;
        }

        _out.Byte((byte)'<');
        _out.Raw(tag);
        _out.Byte((byte)'>');
        for (var i = 0; i < items.Count; i++)
        {
            WriteValue(items[i], null, depth);
        }

        Close(tag);
    }

    private void WriteItems(string tag, IEnumerable items, int depth)
    {
        var any = false;
        foreach (var item in items)
        {
            if (!any)
            {
                _out.Byte((byte)'<');
                _out.Raw(tag);
                _out.Byte((byte)'>');
                any = true;
            }

            WriteValue(item, null, depth);
        }

        if (any)
        {
            Close(tag);
        }
        else
        {
            Empty(tag, null);
        }
    }

    private void WriteEntries(PsDictionary dictionary, int depth)
    {
        if (dictionary.Count == 0)
        {
            _out.Raw("<DCT />"u8);
            return;
        }

        _out.Raw("<DCT>"u8);
        for (var i = 0; i < dictionary.Count; i++)
        {
            var entry = dictionary[i];
            WriteEntry(entry.Key, entry.Value, depth);
        }

        _out.Raw("</DCT>"u8);
    }

    private void WriteEntries(IDictionary dictionary, int depth)
    {
        if (dictionary.Count == 0)
        {
            _out.Raw("<DCT />"u8);
            return;
        }

        _out.Raw("<DCT>"u8);
        var entries = dictionary.GetEnumerator();
        while (entries.MoveNext())
        {
            var entry = entries.Entry;
            WriteEntry(entry.Key, entry.Value, depth);
        }

        _out.Raw("</DCT>"u8);
    }

    private void WriteEntry(object? key, object? value, int depth)
    {
        _out.Raw("<En>"u8);
        WriteValue(key, ClixmlElement.DictionaryKey, depth);
        WriteValue(value, ClixmlElement.DictionaryValue, depth);
        _out.Raw("</En>"u8);
    }

    private void WriteTypeNames(PsTypeNames typeNames)
    {
        if (_typeRefs.TryGetValue(typeNames, out var id))
        {
            _out.Raw("<TNRef RefId=\""u8);
            _out.Format(id);
            _out.Raw("\" />"u8);
            return;
        }

        id = _nextTypeRef++;
        _typeRefs[typeNames] = id;
        _out.Raw("<TN RefId=\""u8);
        _out.Format(id);
        _out.Raw("\">"u8);
        for (var i = 0; i < typeNames.Count; i++)
        {
            _out.Raw("<T>"u8);
            _out.Text(typeNames[i], psEncode: true, inAttribute: false);
            _out.Raw("</T>"u8);
        }

        _out.Raw("</TN>"u8);
    }

    private void WriteProgressRecord(PsProgressRecord pr, string? name)
    {
        Open(ClixmlElement.ProgressRecord, name);
        TextElement("AV", null, pr.Activity, psEncode: true);
        Number("AI", null, pr.ActivityId);
        if (pr.CurrentOperation is null)
        {
            Empty(ClixmlElement.Nil, null);
        }
        else
        {
            TextElement(ClixmlElement.String, null, pr.CurrentOperation, psEncode: true);
        }

        Number("PI", null, pr.ParentActivityId);
        Number("PC", null, pr.PercentComplete);
        TextElement(ClixmlElement.TypeName, null, pr.RecordType, psEncode: true);
        Number("SR", null, pr.SecondsRemaining);
        TextElement("SD", null, pr.StatusDescription, psEncode: true);
        Close(ClixmlElement.ProgressRecord);
    }

    private void Number<T>(string tag, string? name, T value)
        where T : IUtf8SpanFormattable, INumber<T>
    {
        Open(tag, name);
        _out.Format(value);
        Close(tag);
    }

    /// <summary>
    /// <c>XmlConvert.ToString</c> for floating point: shortest round-trip form ("R"), but INF and
    /// -INF for the infinities (the invariant culture would say "Infinity"). NaN and -0 match as is.
    /// </summary>
    private void Floating<T>(string tag, string? name, T value)
        where T : IUtf8SpanFormattable, IFloatingPointIeee754<T>
    {
        Open(tag, name);
        if (T.IsInfinity(value))
        {
            _out.Raw(T.IsNegative(value) ? "-INF"u8 : "INF"u8);
        }
        else
        {
            _out.Format(value, "R");
        }

        Close(tag);
    }

    private void TextElement(string tag, string? name, string text, bool psEncode)
    {
        Open(tag, name);
        _out.Text(text, psEncode, inAttribute: false);
        Close(tag);
    }

    private void Open(string tag, string? name)
    {
        _out.Byte((byte)'<');
        _out.Raw(tag);
        NameAttribute(name);
        _out.Byte((byte)'>');
    }

    private void Close(string tag)
    {
        _out.Raw("</"u8);
        _out.Raw(tag);
        _out.Byte((byte)'>');
    }

    private void Empty(string tag, string? name)
    {
        _out.Byte((byte)'<');
        _out.Raw(tag);
        NameAttribute(name);
        _out.Raw(" />"u8);
    }

    private void NameAttribute(string? name)
    {
        if (name is null)
        {
            return;
        }

        _out.Raw(" N=\""u8);
        _out.Text(name, psEncode: true, inAttribute: true);
        _out.Byte((byte)'"');
    }
}
