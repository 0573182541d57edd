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
/// enum objects, dictionaries as hashtables, other collections as <c>Object[]</c>.
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
        var writer = new ClixmlWriter(output, maxDepth);
        writer._out.Raw("<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"u8);
        foreach (var value in values)
        {
            writer.WriteValue(value, null, 0);
        }

        writer._out.Raw("</Objs>"u8);
    }

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
                TextElement(ClixmlElement.Single, name, XmlConvert.ToString(f), psEncode: false);
                return;
            case double d:
                TextElement(ClixmlElement.Double, name, XmlConvert.ToString(d), psEncode: false);
                return;
            case decimal m:
                TextElement(ClixmlElement.Decimal, name, XmlConvert.ToString(m), psEncode: false);
                return;
            case DateTime dt:
                TextElement(ClixmlElement.DateTime, name, XmlConvert.ToString(dt, XmlDateTimeSerializationMode.RoundtripKind), psEncode: false);
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
                TextElement(ClixmlElement.Version, name, v.ToString(), psEncode: false);
                return;
            case byte[] bytes:
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
            case PsSecureString ss:
                TextElement(ClixmlElement.SecureString, name, ss.EncodedValue, psEncode: false);
                return;
            case PsProgressRecord pr:
                WriteProgressRecord(pr, name);
                return;
            case Enum e:
                WriteObject(PsObject.CreateEnum(e.GetType().FullName!, e.ToString(), Convert.ToInt32(e, CultureInfo.InvariantCulture)), name, depth + 1);
                return;
            case PsList list:
                WriteBareContainer(list, PsTypeNames.ObjectArray, name, depth + 1);
                return;
            case PsDictionary dictionary:
                WriteBareContainer(dictionary, PsTypeNames.Hashtable, name, depth + 1);
                return;
            case IDictionary dictionary:
                WriteBareContainer(dictionary, PsTypeNames.Hashtable, name, depth + 1);
                return;
            case IEnumerable enumerable:
                WriteBareContainer(enumerable, PsTypeNames.ObjectArray, name, depth + 1);
                return;
            default:
                // A .NET object this serializer has no mapping for degrades to its type names and
                // ToString, as PowerShell does for objects past its serialization depth.
                WriteObject(DescribeUnknown(value), name, depth + 1);
                return;
        }
    }

    private static PsObject DescribeUnknown(object value)
    {
        var names = new List<string>();
        for (var t = value.GetType(); t is not null; t = t.BaseType)
        {
            names.Add(t.FullName ?? t.Name);
        }

        return new PsObject(new PsTypeNames(names.ToArray())) { ToStringValue = value.ToString() };
    }

    private void CheckDepth(int depth)
    {
        if (depth > _maxDepth)
        {
            throw new ArgumentException($"The value nests deeper than {_maxDepth} levels; it cannot be serialized.");
        }
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

    private void OpenObject(object identity, string? name)
    {
        var id = _nextObjectRef++;
        _objectRefs[identity] = id;
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
            case PsList or PsDictionary:
                WriteContainer(obj.BaseValue, depth);
                break;
            case PsObject:
                throw new ArgumentException("A PsObject's base value cannot itself be a PsObject.");
            default:
                WriteValue(obj.BaseValue, null, depth);
                break;
        }

        WriteProperties("<Props>"u8, "</Props>"u8, obj.AdaptedOrNull, depth);
        WriteProperties("<MS>"u8, "</MS>"u8, obj.ExtendedOrNull, depth);
        _out.Raw("</Obj>"u8);
    }

    private void WriteProperties(ReadOnlySpan<byte> open, ReadOnlySpan<byte> close, PsPropertyCollection? properties, int depth)
    {
        if (properties is not { Count: > 0 })
        {
            return;
        }

        _out.Raw(open);
        foreach (var property in properties)
        {
            WriteValue(property.Value, property.Name, depth);
        }

        _out.Raw(close);
    }

    private void WriteContainer(object container, int depth)
    {
        switch (container)
        {
            case PsList list:
                var tag = list.Kind switch
                {
                    PsCollectionKind.Enumerable => ClixmlElement.Enumerable,
                    PsCollectionKind.Stack => ClixmlElement.Stack,
                    PsCollectionKind.Queue => ClixmlElement.Queue,
                    _ => ClixmlElement.List,
                };
                WriteItems(tag, list, depth);
                break;
            case PsDictionary dictionary:
                WriteEntries(dictionary.Select(e => (e.Key, e.Value)), dictionary.Count, depth);
                break;
            case IDictionary dictionary:
                WriteEntries(dictionary.Cast<DictionaryEntry>().Select(e => ((object?)e.Key, e.Value)), dictionary.Count, depth);
                break;
            case IEnumerable enumerable:
                WriteItems(ClixmlElement.List, enumerable, depth);
                break;
        }
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

    private void WriteEntries(IEnumerable<(object? Key, object? Value)> entries, int count, int depth)
    {
        if (count == 0)
        {
            _out.Raw("<DCT />"u8);
            return;
        }

        _out.Raw("<DCT>"u8);
        foreach (var (key, value) in entries)
        {
            _out.Raw("<En>"u8);
            WriteValue(key, ClixmlElement.DictionaryKey, depth);
            WriteValue(value, ClixmlElement.DictionaryValue, depth);
            _out.Raw("</En>"u8);
        }

        _out.Raw("</DCT>"u8);
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
        foreach (var typeName in typeNames)
        {
            _out.Raw("<T>"u8);
            _out.Text(typeName, psEncode: true, inAttribute: false);
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
