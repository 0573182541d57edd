using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml;

namespace Psrp.Serialization;

/// <summary>
/// Reads CLIXML (UTF-8 or text) into the <see cref="PsObject"/> model: every primitive element,
/// <c>Obj</c> with type names, ToString, base values, containers and both property sets,
/// and <c>Ref</c>/<c>TNRef</c> back-references (cycles through properties and items included; a
/// base value that refers back to an object still being read is refused). Hostile input — DTDs, entity
/// expansion, deep nesting, huge documents — fails with <see cref="PsrpProtocolException"/>
/// within the configured <see cref="ClixmlLimits"/>. Values parse as PowerShell's deserializer
/// parses them (<c>XmlConvert</c> rules, <c>XmlConvert.DecodeName</c> unescaping).
/// </summary>
public sealed class ClixmlReader
{
    // XmlConvert.ToByte/ToUInt16/32/64 (and so PowerShell) take no sign at all, not even "+5" or "-0".
    private const NumberStyles UnsignedStyles = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;

    // One reader per thread, reused: PSRP delivers output as a stream of small messages, and
    // setting up a reader (scanner, name cache, RefId tables, scratch stacks) per message cost
    // more than reading a small one. Taken out while in use, so a reentrant call gets its own.
    [ThreadStatic]
    private static ClixmlReader? t_spare;

    [ThreadStatic]
    private static List<object?>? t_results;

    private readonly ClixmlScanner _scan = new();
    private ClixmlLimits _limits = ClixmlLimits.Default;

    // PowerShell numbers RefIds 0, 1, 2… in document order, so a list indexed by id holds them;
    // anything else (gaps, text ids) goes to the dictionaries, created only when needed.
    private readonly List<object> _objects = [];
    private readonly List<PsTypeNames> _typeNames = [];
    private Dictionary<int, object>? _sparseObjects;
    private Dictionary<int, PsTypeNames>? _sparseTypeNames;
    private Dictionary<string, object>? _namedObjects;
    private Dictionary<string, PsTypeNames>? _namedTypeNames;
    private readonly List<string> _typeNameScratch = [];
    private ScratchStack<PendingProperty> _properties;

    // Objects with a RefId whose end tag has not been read yet, innermost last: a Ref to one of
    // them is legal as a property or item (PowerShell writes self-references so), never as a base value.
    private readonly List<PsObject> _open = [];

    // Shapes of small property sets, direct-mapped; a collision only replaces the slot.
    private const int InlineNamesSlots = 16;
    private readonly InlinePropertyNames?[] _inlineNames = new InlinePropertyNames?[InlineNamesSlots];
    private ScratchStack<object?> _items;
    private long _elements;

    private ClixmlReader()
    {
    }

    /// <summary>Reads one top-level value (a PSRP message body, or a one-object <c>Objs</c> document).</summary>
    public static object? Deserialize(ReadOnlyMemory<byte> utf8, ClixmlLimits? limits = null)
    {
        var results = t_results ?? [];
        t_results = null;
        try
        {
            Read(utf8, limits, results);
            return Single(results);
        }
        finally
        {
            results.Clear();
            t_results = results;
        }
    }

    /// <summary>Reads one top-level value from CLIXML text.</summary>
    public static object? Deserialize(string xml, ClixmlLimits? limits = null) => Single(DeserializeAll(xml, limits));

    /// <summary>
    /// Reads every top-level value: the children of an <c>&lt;Objs&gt;</c> root, or a bare sequence
    /// of values (PSRP message bodies have no root). A UTF-8 byte-order mark is skipped; input
    /// starting with a UTF-16 byte-order mark is decoded as UTF-16.
    /// </summary>
    public static IReadOnlyList<object?> DeserializeAll(ReadOnlyMemory<byte> utf8, ClixmlLimits? limits = null)
    {
        var results = new List<object?>();
        Read(utf8, limits, results);
        return results;
    }

    private static void Read(ReadOnlyMemory<byte> utf8, ClixmlLimits? limits, List<object?> results)
    {
        limits ??= ClixmlLimits.Default;
        limits.Validate();
        var span = utf8.Span;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            var encoding = span[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            Read(encoding.GetString(span[2..]), limits, results);
            return;
        }

        // UTF-8 never has fewer bytes than UTF-16 characters, so only long inputs need counting.
        if (limits.MaxDocumentCharacters > 0 && span.Length > limits.MaxDocumentCharacters)
        {
            CheckDocumentSize(Encoding.UTF8.GetCharCount(span), limits);
        }

        if (MemoryMarshal.TryGetArray(utf8, out var segment))
        {
            Run(segment.Array!, segment.Offset, segment.Count, limits, results);
            return;
        }

        var copy = ArrayPool<byte>.Shared.Rent(span.Length);
        try
        {
            span.CopyTo(copy);
            Run(copy, 0, span.Length, limits, results);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>Reads every top-level value from CLIXML text.</summary>
    public static IReadOnlyList<object?> DeserializeAll(string xml, ClixmlLimits? limits = null)
    {
        var results = new List<object?>();
        Read(xml, limits, results);
        return results;
    }

    private static void Read(string xml, ClixmlLimits? limits, List<object?> results)
    {
        ArgumentNullException.ThrowIfNull(xml);
        limits ??= ClixmlLimits.Default;
        limits.Validate();
        if (limits.MaxDocumentCharacters > 0)
        {
            CheckDocumentSize(xml.Length, limits);
        }

        // Servers prefix bodies with a UTF-8 BOM, and Encoding.UTF8.GetString keeps it as U+FEFF.
        var text = xml.AsSpan(xml.StartsWith('\uFEFF') ? 1 : 0);
        int byteCount;
        try
        {
            byteCount = StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException ex)
        {
            // A lone surrogate is not XML text; a lenient encoder would silently turn it into U+FFFD.
            throw new PsrpProtocolException(PsrpProtocolError.MalformedXml, $"The CLIXML text contains an unpaired surrogate at index {ex.Index}.", ex);
        }

        var utf8 = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var length = StrictUtf8.GetBytes(text, utf8);
            Run(utf8, 0, length, limits, results);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    private static object? Single(IReadOnlyList<object?> values) =>
        values.Count == 1
            ? values[0]
            : throw new PsrpProtocolException(PsrpProtocolError.UnexpectedElement, $"Expected exactly one CLIXML value but found {values.Count}.");

    private static void CheckDocumentSize(long characters, ClixmlLimits limits)
    {
        if (characters > limits.MaxDocumentCharacters)
        {
            throw new PsrpProtocolException(PsrpProtocolError.LimitExceeded, $"The CLIXML document is {characters} characters long; the limit is {limits.MaxDocumentCharacters}.");
        }
    }

    private static void Run(byte[] data, int start, int length, ClixmlLimits limits, List<object?> results)
    {
        var reader = t_spare ?? new ClixmlReader();
        t_spare = null;
        try
        {
            reader._limits = limits;
            reader._scan.Start(data, start, length, limits.MaxStringLength);
            reader.ReadDocument(results);
        }
        catch (InsufficientExecutionStackException ex)
        {
            // Only reachable when a caller raises MaxDepth far past the default: fail like any other limit.
            throw new PsrpProtocolException(PsrpProtocolError.LimitExceeded, "The CLIXML nests too deeply for the available stack; lower ClixmlLimits.MaxDepth.", ex);
        }
        finally
        {
            reader.Clear();
            t_spare = reader;
        }
    }

    /// <summary>Forgets the document (every reference into what was read) so the reader can be reused.</summary>
    private void Clear()
    {
        _scan.Release();
        _objects.Clear();
        _typeNames.Clear();
        _typeNameScratch.Clear();
        _sparseObjects = null;
        _sparseTypeNames = null;
        _namedObjects = null;
        _namedTypeNames = null;
        _properties.Reset();
        _items.Reset();
        _open.Clear();
        _elements = 0;
        _limits = ClixmlLimits.Default;
    }

    private void ReadDocument(List<object?> results)
    {
        while (true)
        {
            switch (_scan.MoveToContent())
            {
                case ClixmlScanner.Node.EndOfInput:
                    return;
                case ClixmlScanner.Node.Text:
                    throw _scan.Error(PsrpProtocolError.UnexpectedElement, "Unexpected text at the top level of the CLIXML");
                case ClixmlScanner.Node.EndElement:
                    throw _scan.Error(PsrpProtocolError.MalformedXml, "The CLIXML has an end tag that closes nothing");
            }

            var name = _scan.ReadStartElement();
            if (_scan.Tag != ClixmlTag.Objs)
            {
                results.Add(ReadValue(name, 0));
                continue;
            }

            CountElement();
            if (_scan.IsEmptyElement)
            {
                continue;
            }

            while (MoveToChild("Objs"))
            {
                results.Add(ReadValue(_scan.ReadStartElement(), 0));
            }

            _scan.ReadEndElement(name);
        }
    }

    /// <summary>
    /// Inside an element's content: skips whitespace and stops on the next child element (true)
    /// or on the parent's end tag (false). Any other content breaks the grammar.
    /// </summary>
    private bool MoveToChild(string parent) => _scan.MoveToContent() switch
    {
        ClixmlScanner.Node.Element => true,
        ClixmlScanner.Node.EndElement => false,
        ClixmlScanner.Node.Text => throw _scan.Error(PsrpProtocolError.UnexpectedElement, $"Unexpected text inside <{parent}>"),
        _ => throw _scan.Error(PsrpProtocolError.MalformedXml, $"The CLIXML ends inside <{parent}>"),
    };

    private void CountElement()
    {
        if (++_elements > _limits.MaxElements)
        {
            throw _scan.Error(PsrpProtocolError.LimitExceeded, $"The CLIXML has more than {_limits.MaxElements} elements");
        }
    }

    /// <summary>
    /// Depth counts nested <c>Obj</c> elements (containers and property sets live inside one), the
    /// same measure as the writer's <c>maxDepth</c>, so whatever the writer emits at depth N reads
    /// back under <see cref="ClixmlLimits.MaxDepth"/> N.
    /// </summary>
    private void CheckDepth(int depth)
    {
        if (depth > _limits.MaxDepth)
        {
            throw _scan.Error(PsrpProtocolError.LimitExceeded, $"The CLIXML nests deeper than {_limits.MaxDepth} levels");
        }
    }

    private PsrpProtocolException Unexpected(string what) => _scan.Error(PsrpProtocolError.UnexpectedElement, $"Unexpected {what} in CLIXML");

    /// <summary>Reads the value of the element whose start tag was just read, through its end tag.</summary>
    private object? ReadValue(Range name, int depth)
    {
        CountElement();
        switch (_scan.Tag)
        {
            case ClixmlTag.Obj:
                return ReadObject(name, depth + 1);
            case ClixmlTag.S:
                return ReadString(name, "S");
            case ClixmlTag.I32:
                return ParseNumber<int>(name, "I32", NumberStyles.Integer);
            case ClixmlTag.Nil:
                _scan.SkipEmptyContent(name, "Nil");
                return null;
            case ClixmlTag.Ref:
                return ReadRef(name);
            case ClixmlTag.B:
                return ReadBoolean(name);
            case ClixmlTag.I64:
                return ParseNumber<long>(name, "I64", NumberStyles.Integer);
            case ClixmlTag.DT:
                return ReadDateTime(name);
            case ClixmlTag.Version:
                return Parse(name, "Version", static s => System.Version.TryParse(s, out var v) ? v : null);
            case ClixmlTag.G:
                return Parse<object>(name, "G", static s => System.Guid.TryParse(s, out var g) ? g : null);
            case ClixmlTag.Db:
                return ParseFloat<double>(name, "Db", double.NegativeInfinity, double.PositiveInfinity);
            case ClixmlTag.C:
                return Parse<object>(name, "C", static s => ushort.TryParse(s, UnsignedStyles, CultureInfo.InvariantCulture, out var c) ? (char)c : null);
            case ClixmlTag.TS:
                return Parse<object>(name, "TS", static s => XmlConvert.ToTimeSpan(s.ToString()));
            case ClixmlTag.By:
                return ParseNumber<byte>(name, "By", UnsignedStyles);
            case ClixmlTag.SB:
                return ParseNumber<sbyte>(name, "SB", NumberStyles.Integer);
            case ClixmlTag.U16:
                return ParseNumber<ushort>(name, "U16", UnsignedStyles);
            case ClixmlTag.I16:
                return ParseNumber<short>(name, "I16", NumberStyles.Integer);
            case ClixmlTag.U32:
                return ParseNumber<uint>(name, "U32", UnsignedStyles);
            case ClixmlTag.U64:
                return ParseNumber<ulong>(name, "U64", UnsignedStyles);
            case ClixmlTag.Sg:
                return ParseFloat<float>(name, "Sg", float.NegativeInfinity, float.PositiveInfinity);
            case ClixmlTag.D:
                // XmlConvert.ToDecimal: sign, decimal point and surrounding whitespace; no exponent.
                return ParseNumber<decimal>(name, "D", NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite);
            case ClixmlTag.BA:
                return ReadBase64(name);
            case ClixmlTag.URI:
                var uri = ReadString(name, "URI");
                return Uri.TryCreate(uri, UriKind.RelativeOrAbsolute, out var parsed) ? parsed : throw InvalidValue("URI", uri);
            case ClixmlTag.XD:
                return new PsXmlDocument(ReadString(name, "XD"));
            case ClixmlTag.SBK:
                return new PsScriptBlock(ReadString(name, "SBK"));
            case ClixmlTag.SS:
                return new PsSecureString(_scan.LeafString(_scan.ReadLeaf(name, "SS"), psDecode: false));
            case ClixmlTag.PR:
                return ReadProgressRecord(name);
            default:
                throw Unexpected($"element <{ElementName(name)}>");
        }
    }

    private string ElementName(Range name) => _scan.NameOf(name);

    private string ReadString(Range name, string element) => _scan.LeafString(_scan.ReadLeaf(name, element), psDecode: true);

    private PsrpProtocolException InvalidValue(string element, ReadOnlySpan<char> text, Exception? inner = null)
    {
        var shown = text.Length <= 64 ? text.ToString() : string.Concat(text[..64], "…");
        return new PsrpProtocolException(
            PsrpProtocolError.InvalidValue,
            _scan.Error(PsrpProtocolError.InvalidValue, $"<{element}> holds '{shown}', which is not a valid value").Message,
            inner);
    }

    /// <summary>Integers and decimals, parsed from the UTF-8 text without making a string.</summary>
    private object ParseNumber<T>(Range name, string element, NumberStyles styles)
        where T : INumberBase<T> => ParseValue<T>(name, element, styles);

    private T ParseValue<T>(Range name, string element, NumberStyles styles)
        where T : INumberBase<T>
    {
        var leaf = _scan.ReadLeaf(name, element);
        T? value;
        var ok = leaf.Decoded
            ? T.TryParse(_scan.LeafChars(leaf), styles, CultureInfo.InvariantCulture, out value)
            : T.TryParse(_scan.LeafBytes(leaf), styles, CultureInfo.InvariantCulture, out value);
        return ok ? value! : throw InvalidValue(element, _scan.LeafChars(leaf));
    }

    /// <summary><c>XmlConvert.ToDouble</c>/<c>ToSingle</c> rules: <c>INF</c> and <c>-INF</c> besides the invariant number forms.</summary>
    private object ParseFloat<T>(Range name, string element, T negativeInfinity, T positiveInfinity)
        where T : IFloatingPointIeee754<T>
    {
        var text = _scan.LeafChars(_scan.ReadLeaf(name, element)).Trim(" \t\r\n");
        if (text.SequenceEqual("INF"))
        {
            return positiveInfinity;
        }

        if (text.SequenceEqual("-INF"))
        {
            return negativeInfinity;
        }

        return T.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw InvalidValue(element, text);
    }

    private delegate T? SpanParser<T>(ReadOnlySpan<char> text);

    private T Parse<T>(Range name, string element, SpanParser<T> parse)
        where T : class
    {
        var text = _scan.LeafChars(_scan.ReadLeaf(name, element));
        try
        {
            return parse(text) ?? throw InvalidValue(element, text);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            throw InvalidValue(element, text, ex);
        }
    }

    private object ReadBoolean(Range name)
    {
        // XmlConvert.ToBoolean: surrounding XML whitespace, then true/1 or false/0.
        var text = _scan.LeafChars(_scan.ReadLeaf(name, "B")).Trim(" \t\r\n");
        return text switch
        {
            "true" or "1" => BoxedTrue,
            "false" or "0" => BoxedFalse,
            _ => throw InvalidValue("B", text),
        };
    }

    private static readonly string[] RoundTripDateFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    private object ReadDateTime(Range name)
    {
        var text = _scan.LeafChars(_scan.ReadLeaf(name, "DT"));

        // The form PowerShell writes parses here without a string; any other xs:dateTime form takes
        // XmlConvert's path, which is what PowerShell reads with. So do the years at the calendar's
        // ends, where an offset can push the value out of range: XmlConvert clamps, ParseExact does not.
        if (DateTime.TryParseExact(text, RoundTripDateFormats, CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var value) &&
            value.Year is > 1 and < 9999)
        {
            return value;
        }

        try
        {
            return XmlConvert.ToDateTime(text.ToString(), XmlDateTimeSerializationMode.RoundtripKind);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            // Out of range too: 9999-12-31T23:59:59.99999999 rounds past DateTime.MaxValue.
            throw InvalidValue("DT", text, ex);
        }
    }

    private byte[] ReadBase64(Range name)
    {
        var leaf = _scan.ReadLeaf(name, "BA");
        var utf8 = _scan.LeafBytes(leaf);
        if (!leaf.Decoded && utf8.Length % 4 == 0 && utf8.IndexOfAny(" \t\r\n"u8) < 0)
        {
            // Unbroken base64 (what PowerShell writes) decodes straight into an exact-size array.
            var padding = utf8.EndsWith("=="u8) ? 2 : utf8.EndsWith("="u8) ? 1 : 0;
            var bytes = new byte[(utf8.Length / 4 * 3) - padding];
            if (Base64.DecodeFromUtf8(utf8, bytes, out _, out var written) == OperationStatus.Done && written == bytes.Length)
            {
                return bytes;
            }

            throw InvalidValue("BA", _scan.LeafChars(leaf));
        }

        var text = _scan.LeafChars(leaf);
        try
        {
            return Convert.FromBase64String(text.ToString());
        }
        catch (FormatException ex)
        {
            throw InvalidValue("BA", text, ex);
        }
    }

    private object ReadRef(Range name)
    {
        if (!_scan.HasRefId)
        {
            throw _scan.Error(PsrpProtocolError.InvalidValue, "<Ref> has no RefId");
        }

        var (number, text) = _scan.RefId();
        _scan.SkipEmptyContent(name, "Ref");
        return Lookup(_objects, _sparseObjects, _namedObjects, number, text)
            ?? throw _scan.Error(PsrpProtocolError.InvalidValue, $"<Ref RefId=\"{text ?? number.ToString(CultureInfo.InvariantCulture)}\"> refers to no earlier object");
    }

    private static T? Lookup<T>(List<T> dense, Dictionary<int, T>? sparse, Dictionary<string, T>? named, int number, string? text)
        where T : class
    {
        if (text is not null)
        {
            return named?.GetValueOrDefault(text);
        }

        return number < dense.Count ? dense[number] : sparse?.GetValueOrDefault(number);
    }

    /// <summary>Remembers an object or type-name list under the RefId of the element just read (a later duplicate wins).</summary>
    private static void Register<T>(List<T> dense, ref Dictionary<int, T>? sparse, ref Dictionary<string, T>? named, (int Number, string? Text) id, T value)
        where T : class
    {
        if (id.Text is not null)
        {
            (named ??= new Dictionary<string, T>(StringComparer.Ordinal))[id.Text] = value;
        }
        else if (id.Number == dense.Count)
        {
            dense.Add(value);
        }
        else if (id.Number < dense.Count)
        {
            dense[id.Number] = value;
        }
        else
        {
            (sparse ??= [])[id.Number] = value;
        }
    }

    private PsObject ReadObject(Range name, int depth)
    {
        CheckDepth(depth);
        // MaxDepth bounds recursion; this guards callers who raise it beyond what the stack holds.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var obj = new PsObject();
        var registered = _scan.HasRefId;
        if (registered)
        {
            // Registered before the children are read so a cycle back to this object resolves.
            Register(_objects, ref _sparseObjects, ref _namedObjects, _scan.RefId(), (object)obj);
        }

        if (_scan.IsEmptyElement)
        {
            return obj;
        }

        if (registered)
        {
            _open.Add(obj);
        }

        while (MoveToChild("Obj"))
        {
            var child = _scan.ReadStartElement();
            switch (_scan.Tag)
            {
                case ClixmlTag.TN:
                    CountElement();
                    obj.TypeNames = ReadTypeNames(child);
                    break;
                case ClixmlTag.TNRef:
                    CountElement();
                    obj.TypeNames = ReadTypeNamesRef(child);
                    break;
                case ClixmlTag.ToString:
                    CountElement();
                    obj.ToStringValue = ReadString(child, "ToString");
                    break;
                case ClixmlTag.Props:
                    CountElement();
                    ReadProperties(child, "Props", depth, obj, extended: false);
                    break;
                case ClixmlTag.MS:
                    CountElement();
                    ReadProperties(child, "MS", depth, obj, extended: true);
                    break;
                case ClixmlTag.LST:
                    obj.BaseValue = ReadList(child, PsCollectionKind.List, "LST", depth);
                    break;
                case ClixmlTag.DCT:
                    obj.BaseValue = ReadDictionary(child, depth);
                    break;
                case ClixmlTag.IE:
                    obj.BaseValue = ReadList(child, PsCollectionKind.Enumerable, "IE", depth);
                    break;
                case ClixmlTag.STK:
                    obj.BaseValue = ReadList(child, PsCollectionKind.Stack, "STK", depth);
                    break;
                case ClixmlTag.QUE:
                    obj.BaseValue = ReadList(child, PsCollectionKind.Queue, "QUE", depth);
                    break;
                case ClixmlTag.Ref:
                    obj.BaseValue = ReadBaseValueRef(child);
                    break;
                default:
                    // A primitive base value (enums, boxed primitives with notes), or a nested Obj.
                    obj.BaseValue = ReadValue(child, depth);
                    break;
            }
        }

        _scan.ReadEndElement(name);
        if (registered)
        {
            _open.RemoveAt(_open.Count - 1);
        }

        return obj;
    }

    /// <summary>
    /// A base value given as a <c>Ref</c>. One to an object still being read (this one or an
    /// ancestor) would make a chain of base values that never ends — ToString would recurse until
    /// the stack overflows — and PowerShell's serializer cannot write it, so it is a protocol error.
    /// Refusing exactly these keeps every base-value chain the reader builds finite: a finished
    /// object's chain only reaches objects finished before it.
    /// </summary>
    private object ReadBaseValueRef(Range name)
    {
        var (number, text) = _scan.HasRefId ? _scan.RefId() : default;
        var value = ReadValue(name, 0);
        if (value is PsObject target && _open.Contains(target))
        {
            throw _scan.Error(
                PsrpProtocolError.InvalidValue,
                $"<Ref RefId=\"{text ?? number.ToString(CultureInfo.InvariantCulture)}\"> makes an object that is still being read its own base value (a reference cycle)");
        }

        return value!;
    }

    private PsTypeNames ReadTypeNamesRef(Range name)
    {
        if (!_scan.HasRefId)
        {
            throw _scan.Error(PsrpProtocolError.InvalidValue, "<TNRef> has no RefId");
        }

        var (number, text) = _scan.RefId();
        _scan.SkipEmptyContent(name, "TNRef");
        return Lookup(_typeNames, _sparseTypeNames, _namedTypeNames, number, text)
            ?? throw _scan.Error(PsrpProtocolError.InvalidValue, $"<TNRef RefId=\"{text ?? number.ToString(CultureInfo.InvariantCulture)}\"> refers to no earlier type-name list");
    }

    private PsTypeNames ReadTypeNames(Range name)
    {
        (int, string?)? id = _scan.HasRefId ? _scan.RefId() : null;
        var names = _typeNameScratch;
        names.Clear();
        if (!_scan.IsEmptyElement)
        {
            while (MoveToChild("TN"))
            {
                var child = _scan.ReadStartElement();
                CountElement();
                if (_scan.Tag != ClixmlTag.T)
                {
                    throw Unexpected($"element <{ElementName(child)}> inside <TN>");
                }

                names.Add(ReadString(child, "T"));
            }

            _scan.ReadEndElement(name);
        }

        var typeNames = new PsTypeNames(names.ToArray());
        if (id is { } refId)
        {
            Register(_typeNames, ref _sparseTypeNames, ref _namedTypeNames, refId, typeNames);
        }

        return typeNames;
    }

    /// <summary>Reads a property set into <paramref name="obj"/>: in its own fields when small, else as an exact-size array.</summary>
    private void ReadProperties(Range name, string element, int depth, PsObject obj, bool extended)
    {
        if (_scan.IsEmptyElement)
        {
            SetProperties(obj, extended, []);
            return;
        }

        var start = _properties.Count;
        while (MoveToChild(element))
        {
            var child = _scan.ReadStartElement();
            var propertyName = _scan.NameAttribute()
                ?? throw Unexpected($"property element <{ElementName(child)}> without an N attribute");
            _properties.Push(ReadPropertyValue(propertyName, child, depth));
        }

        _scan.ReadEndElement(name);
        var read = _properties.Above(start);
        if (read.Length is > 0 and <= InlinePropertyNames.MaxCount && obj.CanInline)
        {
            var first = read[0];
            var second = read.Length == 2 ? read[1] : default;
            var names = InlineNames(first.Name, second.Name);

            // The object has one field for an unboxed integer: a second one is boxed now.
            var bits = first.IsPacked ? first.Bits : second.Bits;
            var value1 = first.IsPacked ? second.Boxed : second.Value;
            if (extended)
            {
                obj.SetExtendedInline(names, first.Value, value1, bits);
            }
            else
            {
                obj.SetAdaptedInline(names, first.Value, value1, bits);
            }

            _properties.Truncate(start);
            return;
        }

        var properties = new PsProperty[read.Length];
        for (var i = 0; i < properties.Length; i++)
        {
            properties[i] = read[i].ToProperty();
        }

        _properties.Truncate(start);
        SetProperties(obj, extended, properties);
    }

    /// <summary>A property's value; <c>I32</c> and <c>I64</c> stay unboxed, for the object to keep so if it can.</summary>
    private PendingProperty ReadPropertyValue(string propertyName, Range child, int depth)
    {
        switch (_scan.Tag)
        {
            case ClixmlTag.I32:
                CountElement();
                return new PendingProperty(propertyName, PackedPrimitive.Int32, ParseValue<int>(child, "I32", NumberStyles.Integer));
            case ClixmlTag.I64:
                CountElement();
                return new PendingProperty(propertyName, PackedPrimitive.Int64, ParseValue<long>(child, "I64", NumberStyles.Integer));
            default:
                return new PendingProperty(propertyName, ReadValue(child, depth), 0);
        }
    }

    private static void SetProperties(PsObject obj, bool extended, PsProperty[] properties)
    {
        if (extended)
        {
            obj.SetExtended(properties);
        }
        else
        {
            obj.SetAdapted(properties);
        }
    }

    /// <summary>
    /// The shared names of a one- or two-property set. Objects of one shape arrive in runs, so a
    /// few remembered shapes (kept between documents, like the name cache) serve nearly every lookup.
    /// </summary>
    private InlinePropertyNames InlineNames(string name0, string? name1)
    {
        var hash = (Hash(name0) * 31) + (name1 is null ? 0 : Hash(name1) + 1);
        ref var slot = ref _inlineNames[hash & (InlineNamesSlots - 1)];
        if (slot is { } cached && cached.Matches(name0, name1))
        {
            return cached;
        }

        return slot = new InlinePropertyNames(name0, name1);

        static uint Hash(string name) => name.Length == 0 ? 0 : ((uint)name.Length * 17) + name[0] + name[^1];
    }

    private PsList ReadList(Range name, PsCollectionKind kind, string element, int depth)
    {
        CountElement();
        if (_scan.IsEmptyElement)
        {
            return new PsList(kind);
        }

        var start = _items.Count;
        while (MoveToChild(element))
        {
            _items.Push(ReadValue(_scan.ReadStartElement(), depth));
        }

        _scan.ReadEndElement(name);
        var items = _items.Above(start);
        var list = new PsList(kind, items.Length);
        list.AddRange(items);
        _items.Truncate(start);
        return list;
    }

    private PsDictionary ReadDictionary(Range name, int depth)
    {
        CountElement();
        var dictionary = new PsDictionary();
        if (_scan.IsEmptyElement)
        {
            return dictionary;
        }

        while (MoveToChild("DCT"))
        {
            var entry = _scan.ReadStartElement();
            CountElement();
            if (_scan.Tag != ClixmlTag.En)
            {
                throw Unexpected($"element <{ElementName(entry)}> inside <DCT>");
            }

            object? key = null, value = null;
            bool haveKey = false, haveValue = false;
            if (!_scan.IsEmptyElement)
            {
                while (MoveToChild("En"))
                {
                    var part = _scan.ReadStartElement();
                    var role = _scan.NameEquals("Key"u8) ? "Key" : _scan.NameEquals("Value"u8) ? "Value" : _scan.NameAttribute();
                    if (role == "Key")
                    {
                        key = ReadValue(part, depth);
                        haveKey = true;
                    }
                    else if (role == "Value")
                    {
                        value = ReadValue(part, depth);
                        haveValue = true;
                    }
                    else
                    {
                        throw Unexpected($"dictionary entry part N=\"{role}\"");
                    }
                }

                _scan.ReadEndElement(entry);
            }

            if (!haveKey || !haveValue)
            {
                // PowerShell rejects both; a silent null would hide a broken peer.
                throw _scan.Error(PsrpProtocolError.InvalidValue, $"A dictionary entry <En> has no {(haveKey ? "value" : "key")}");
            }

            dictionary.Add(key, value);
        }

        _scan.ReadEndElement(name);
        return dictionary;
    }

    private PsProgressRecord ReadProgressRecord(Range name)
    {
        if (_scan.IsEmptyElement)
        {
            throw _scan.Error(PsrpProtocolError.InvalidValue, "<PR> is empty");
        }

        string activity = string.Empty, status = string.Empty, type = "Processing";
        string? operation = null;
        int activityId = 0, parent = -1, percent = -1, seconds = -1;
        while (MoveToChild("PR"))
        {
            var child = _scan.ReadStartElement();
            CountElement();
            switch (_scan.Tag)
            {
                case ClixmlTag.AV: activity = ReadString(child, "AV"); break;
                case ClixmlTag.AI: activityId = ParseValue<int>(child, "AI", NumberStyles.Integer); break;
                case ClixmlTag.PI: parent = ParseValue<int>(child, "PI", NumberStyles.Integer); break;
                case ClixmlTag.PC: percent = ParseValue<int>(child, "PC", NumberStyles.Integer); break;
                case ClixmlTag.SR: seconds = ParseValue<int>(child, "SR", NumberStyles.Integer); break;
                case ClixmlTag.SD: status = ReadString(child, "SD"); break;
                case ClixmlTag.T: type = ReadString(child, "T"); break;
                case ClixmlTag.S: operation = ReadString(child, "S"); break;
                case ClixmlTag.Nil:
                    _scan.SkipEmptyContent(child, "Nil");
                    operation = null;
                    break;
                default:
                    throw Unexpected($"element <{ElementName(child)}> inside <PR>");
            }
        }

        _scan.ReadEndElement(name);
        return new PsProgressRecord
        {
            Activity = activity,
            ActivityId = activityId,
            CurrentOperation = operation,
            ParentActivityId = parent,
            PercentComplete = percent,
            RecordType = type,
            SecondsRemaining = seconds,
            StatusDescription = status,
        };
    }
}
