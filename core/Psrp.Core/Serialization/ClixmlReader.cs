using System.Globalization;
using System.Xml;

namespace Psrp.Serialization;

/// <summary>
/// Reads CLIXML (UTF-8 or text) into the <see cref="PsObject"/> model: every primitive element,
/// <c>Obj</c> with type names, ToString, base values, containers and both property sets,
/// and <c>Ref</c>/<c>TNRef</c> back-references (cycles included). Hostile input — DTDs, entity
/// expansion, deep nesting, huge documents — fails with <see cref="PsrpProtocolException"/>
/// within the configured <see cref="ClixmlLimits"/>.
/// </summary>
public sealed class ClixmlReader
{
    private readonly XmlReader _reader;
    private readonly ClixmlLimits _limits;
    private readonly Names _names;
    private readonly Dictionary<string, object> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PsTypeNames> _typeNames = new(StringComparer.Ordinal);
    private long _elements;

    private ClixmlReader(XmlReader reader, Names names, ClixmlLimits limits)
    {
        _reader = reader;
        _names = names;
        _limits = limits;
    }

    /// <summary>Reads one top-level value (a PSRP message body, or a one-object <c>Objs</c> document).</summary>
    public static object? Deserialize(ReadOnlyMemory<byte> utf8, ClixmlLimits? limits = null)
    {
        var values = DeserializeAll(utf8, limits);
        return values.Count == 1
            ? values[0]
            : throw new PsrpProtocolException(PsrpProtocolError.UnexpectedElement, $"Expected exactly one CLIXML value but found {values.Count}.");
    }

    /// <summary>Reads one top-level value from CLIXML text.</summary>
    public static object? Deserialize(string xml, ClixmlLimits? limits = null)
    {
        var values = DeserializeAll(xml, limits);
        return values.Count == 1
            ? values[0]
            : throw new PsrpProtocolException(PsrpProtocolError.UnexpectedElement, $"Expected exactly one CLIXML value but found {values.Count}.");
    }

    /// <summary>
    /// Reads every top-level value: the children of an <c>&lt;Objs&gt;</c> root, or a bare sequence
    /// of values (PSRP message bodies have no root).
    /// </summary>
    public static IReadOnlyList<object?> DeserializeAll(ReadOnlyMemory<byte> utf8, ClixmlLimits? limits = null)
    {
        // UTF-8 never has fewer bytes than UTF-16 characters, so only long inputs need counting.
        if (limits is { MaxDocumentCharacters: > 0 } && utf8.Length > limits.MaxDocumentCharacters)
        {
            CheckDocumentSize(System.Text.Encoding.UTF8.GetCharCount(utf8.Span), limits);
        }

        var stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(utf8, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(utf8.ToArray(), writable: false);
        using (stream)
        {
            return Run(names => XmlReader.Create(stream, CreateSettings(names, limits ?? ClixmlLimits.Default)), limits);
        }
    }

    /// <summary>Reads every top-level value from CLIXML text.</summary>
    public static IReadOnlyList<object?> DeserializeAll(string xml, ClixmlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (limits is { MaxDocumentCharacters: > 0 })
        {
            CheckDocumentSize(xml.Length, limits);
        }

        using var text = new StringReader(xml);
        if (xml.Length > 0 && xml[0] == '\uFEFF')
        {
            // Servers prefix bodies with a UTF-8 BOM, and Encoding.UTF8.GetString keeps it as U+FEFF;
            // the text reader would take it for content before the first element.
            text.Read();
        }
        return Run(names => XmlReader.Create(text, CreateSettings(names, limits ?? ClixmlLimits.Default)), limits);
    }

    private static void CheckDocumentSize(long characters, ClixmlLimits limits)
    {
        if (characters > limits.MaxDocumentCharacters)
        {
            throw new PsrpProtocolException(PsrpProtocolError.LimitExceeded, $"The CLIXML document is {characters} characters long; the limit is {limits.MaxDocumentCharacters}.");
        }
    }

    private static IReadOnlyList<object?> Run(Func<Names, XmlReader> create, ClixmlLimits? limits)
    {
        limits ??= ClixmlLimits.Default;
        limits.Validate();
        var names = new Names();
        try
        {
            using var xml = create(names);
            return new ClixmlReader(xml, names, limits).ReadDocument();
        }
        catch (XmlException ex)
        {
            throw new PsrpProtocolException(PsrpProtocolError.MalformedXml, $"The CLIXML is not well-formed at line {ex.LineNumber}, position {ex.LinePosition}: {ex.Message}", ex);
        }
        catch (InsufficientExecutionStackException ex)
        {
            // Only reachable when a caller raises MaxDepth far past the default: fail like any other limit.
            throw new PsrpProtocolException(PsrpProtocolError.LimitExceeded, "The CLIXML nests too deeply for the available stack; lower ClixmlLimits.MaxDepth.", ex);
        }
    }

    private static XmlReaderSettings CreateSettings(Names names, ClixmlLimits limits) => new()
    {
        // PSRP bodies are element fragments without a root; Objs documents parse the same way.
        ConformanceLevel = ConformanceLevel.Fragment,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = limits.MaxDocumentCharacters,
        // Escaped characters arrive as _xHHHH_; raw invalid characters are still rejected by the parser's
        // well-formedness checks, but PowerShell's reader tolerates odd characters and so do we.
        CheckCharacters = false,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        NameTable = names.Table,
        CloseInput = false,
    };

    private List<object?> ReadDocument()
    {
        var results = new List<object?>();
        while (MoveToNextElement())
        {
            if (ReferenceEquals(_reader.LocalName, _names.Objs))
            {
                CountElement();
                if (_reader.IsEmptyElement)
                {
                    _reader.Read();
                    continue;
                }

                _reader.Read();
                while (MoveToContentOrEnd())
                {
                    results.Add(ReadValue(0));
                }

                _reader.Read();
            }
            else
            {
                results.Add(ReadValue(0));
            }
        }

        return results;
    }

    /// <summary>Skips to the next element at document level; false at end of input.</summary>
    private bool MoveToNextElement()
    {
        while (true)
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Element:
                    return true;
                case XmlNodeType.None or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace or XmlNodeType.XmlDeclaration:
                    if (!_reader.Read())
                    {
                        return false;
                    }

                    break;
                case XmlNodeType.EndElement:
                    throw Unexpected("an unmatched end tag");
                default:
                    throw Unexpected($"{_reader.NodeType} content at the top level");
            }
        }
    }

    /// <summary>
    /// Inside an element's content: skips whitespace and stops on the next child element (true)
    /// or on the parent's end tag (false). Any other content breaks the grammar.
    /// </summary>
    private bool MoveToContentOrEnd()
    {
        while (true)
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Element:
                    return true;
                case XmlNodeType.EndElement:
                    return false;
                case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    _reader.Read();
                    break;
                case XmlNodeType.None:
                    throw new PsrpProtocolException(PsrpProtocolError.MalformedXml, "The CLIXML ended inside an element.");
                default:
                    throw Unexpected($"{_reader.NodeType} content inside <{_reader.LocalName}>");
            }
        }
    }

    private void CountElement()
    {
        if (++_elements > _limits.MaxElements)
        {
            throw new PsrpProtocolException(PsrpProtocolError.LimitExceeded, $"The CLIXML has more than {_limits.MaxElements} elements.");
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
            throw new PsrpProtocolException(PsrpProtocolError.LimitExceeded, $"The CLIXML nests deeper than {_limits.MaxDepth} levels.");
        }
    }

    private PsrpProtocolException Unexpected(string what) =>
        new(PsrpProtocolError.UnexpectedElement, $"Unexpected {what} in CLIXML.");

    /// <summary>Reads the value element the reader is on and moves past it.</summary>
    private object? ReadValue(int depth)
    {
        CountElement();
        var name = _reader.LocalName;
        var n = _names;
        if (ReferenceEquals(name, n.Obj))
        {
            return ReadObject(depth + 1);
        }

        if (ReferenceEquals(name, n.S))
        {
            return ReadString();
        }

        if (ReferenceEquals(name, n.I32))
        {
            return ParseOr(ReadText(), static s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture), name);
        }

        if (ReferenceEquals(name, n.Nil))
        {
            SkipEmptyElement();
            return null;
        }

        if (ReferenceEquals(name, n.Ref))
        {
            var id = _reader.GetAttribute(ClixmlElement.RefIdAttribute);
            SkipEmptyElement();
            if (id is null || !_objects.TryGetValue(id, out var target))
            {
                throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, $"<Ref RefId=\"{id}\"> refers to no earlier object.");
            }

            return target;
        }

        if (ReferenceEquals(name, n.B))
        {
            return ParseOr(ReadText(), XmlConvert.ToBoolean, name);
        }

        if (ReferenceEquals(name, n.I64))
        {
            return ParseOr(ReadText(), static s => long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture), name);
        }

        if (ReferenceEquals(name, n.DT))
        {
            return ParseOr(ReadText(), static s => XmlConvert.ToDateTime(s, XmlDateTimeSerializationMode.RoundtripKind), name);
        }

        if (ReferenceEquals(name, n.Version))
        {
            return ParseOr(ReadText(), static s => System.Version.Parse(s), name);
        }

        if (ReferenceEquals(name, n.G))
        {
            return ParseOr(ReadText(), static s => System.Guid.Parse(s), name);
        }

        if (ReferenceEquals(name, n.Db))
        {
            return ParseOr(ReadText(), XmlConvert.ToDouble, name);
        }

        if (ReferenceEquals(name, n.C))
        {
            return ParseOr(ReadText(), static s => (char)ushort.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture), name);
        }

        if (ReferenceEquals(name, n.TS))
        {
            return ParseOr(ReadText(), XmlConvert.ToTimeSpan, name);
        }

        if (ReferenceEquals(name, n.By))
        {
            return ParseOr(ReadText(), static s => byte.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture), name);
        }

        if (ReferenceEquals(name, n.SB))
        {
            return ParseOr(ReadText(), static s => sbyte.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture), name);
        }

        if (ReferenceEquals(name, n.U16))
        {
            return ParseOr(ReadText(), static s => ushort.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture), name);
        }

        if (ReferenceEquals(name, n.I16))
        {
            return ParseOr(ReadText(), static s => short.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture), name);
        }

        if (ReferenceEquals(name, n.U32))
        {
            return ParseOr(ReadText(), static s => uint.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture), name);
        }

        if (ReferenceEquals(name, n.U64))
        {
            return ParseOr(ReadText(), static s => ulong.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture), name);
        }

        if (ReferenceEquals(name, n.Sg))
        {
            return ParseOr(ReadText(), XmlConvert.ToSingle, name);
        }

        if (ReferenceEquals(name, n.D))
        {
            return ParseOr(ReadText(), XmlConvert.ToDecimal, name);
        }

        if (ReferenceEquals(name, n.BA))
        {
            return ParseOr(ReadText(), Convert.FromBase64String, name);
        }

        if (ReferenceEquals(name, n.URI))
        {
            return ParseOr(ReadString(), static s => new Uri(s, UriKind.RelativeOrAbsolute), name);
        }

        if (ReferenceEquals(name, n.XD))
        {
            return new PsXmlDocument(ReadString());
        }

        if (ReferenceEquals(name, n.SBK))
        {
            return new PsScriptBlock(ReadString());
        }

        if (ReferenceEquals(name, n.SS))
        {
            return new PsSecureString(ReadText());
        }

        if (ReferenceEquals(name, n.PR))
        {
            return ReadProgressRecord();
        }

        throw Unexpected($"element <{name}>");
    }

    private T ParseOr<T>(string text, Func<string, T> parse, string element)
    {
        try
        {
            return parse(text);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, $"<{element}> holds '{Truncate(text)}', which is not a valid value.", ex);
        }
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");

    /// <summary>
    /// Reads element text (no decoding) and moves past the end tag. Child elements break the
    /// grammar; the length limit is checked on every text node so a huge value fails early.
    /// </summary>
    private string ReadText()
    {
        if (_reader.IsEmptyElement)
        {
            _reader.Read();
            return string.Empty;
        }

        var element = _reader.LocalName;
        _reader.Read();
        string? text = null;
        System.Text.StringBuilder? joined = null;
        while (true)
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace or XmlNodeType.CDATA:
                    var part = _reader.Value;
                    if (text is null)
                    {
                        text = part;
                    }
                    else
                    {
                        // Only CDATA sections or comments split text into several nodes: rare, so join lazily.
                        joined ??= new System.Text.StringBuilder(text);
                        joined.Append(part);
                    }

                    CheckStringLength(joined?.Length ?? text.Length);
                    _reader.Read();
                    break;
                case XmlNodeType.EndElement:
                    _reader.Read();
                    return joined?.ToString() ?? text ?? string.Empty;
                case XmlNodeType.None:
                    throw new PsrpProtocolException(PsrpProtocolError.MalformedXml, "The CLIXML ended inside an element.");
                default:
                    throw Unexpected($"{_reader.NodeType} <{_reader.LocalName}> inside <{element}>, which holds only text");
            }
        }
    }

    private void CheckStringLength(int length)
    {
        if (length > _limits.MaxStringLength)
        {
            throw new PsrpProtocolException(PsrpProtocolError.LimitExceeded, $"A CLIXML string is {length} characters long; the limit is {_limits.MaxStringLength}.");
        }
    }

    private string ReadString() => ClixmlText.Decode(ReadText());

    /// <summary>
    /// Moves past an element that carries everything in its attributes (<c>Nil</c>, <c>Ref</c>,
    /// <c>TNRef</c>). Stray text is ignored as PowerShell does, but child elements are refused:
    /// skipping them unchecked would let a peer nest without bound outside the depth limit.
    /// </summary>
    private void SkipEmptyElement()
    {
        if (_reader.IsEmptyElement)
        {
            _reader.Read();
            return;
        }

        var element = _reader.LocalName;
        _reader.Read();
        while (_reader.NodeType != XmlNodeType.EndElement)
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace or XmlNodeType.CDATA:
                    _reader.Read();
                    break;
                case XmlNodeType.None:
                    throw new PsrpProtocolException(PsrpProtocolError.MalformedXml, "The CLIXML ended inside an element.");
                default:
                    throw Unexpected($"{_reader.NodeType} <{_reader.LocalName}> inside <{element}>, which must be empty");
            }
        }

        _reader.Read();
    }

    private string? ReadNameAttribute()
    {
        var name = _reader.GetAttribute(ClixmlElement.NameAttribute);
        return name is null ? null : ClixmlText.Decode(name);
    }

    private PsObject ReadObject(int depth)
    {
        CheckDepth(depth);
        // MaxDepth bounds recursion; this guards callers who raise it beyond what the stack holds.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var obj = new PsObject();
        var refId = _reader.GetAttribute(ClixmlElement.RefIdAttribute);
        if (refId is not null)
        {
            // Registered before the children are read so a cycle back to this object resolves.
            _objects[refId] = obj;
        }

        if (_reader.IsEmptyElement)
        {
            _reader.Read();
            return obj;
        }

        _reader.Read();
        var n = _names;
        while (MoveToContentOrEnd())
        {
            var name = _reader.LocalName;
            if (ReferenceEquals(name, n.TN))
            {
                CountElement();
                obj.TypeNames = ReadTypeNames();
            }
            else if (ReferenceEquals(name, n.TNRef))
            {
                CountElement();
                var id = _reader.GetAttribute(ClixmlElement.RefIdAttribute);
                SkipEmptyElement();
                if (id is null || !_typeNames.TryGetValue(id, out var typeNames))
                {
                    throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, $"<TNRef RefId=\"{id}\"> refers to no earlier type-name list.");
                }

                obj.TypeNames = typeNames;
            }
            else if (ReferenceEquals(name, n.ToStringName))
            {
                CountElement();
                obj.ToStringValue = ReadString();
            }
            else if (ReferenceEquals(name, n.Props))
            {
                CountElement();
                obj.SetAdapted(ReadProperties(depth));
            }
            else if (ReferenceEquals(name, n.MS))
            {
                CountElement();
                obj.SetExtended(ReadProperties(depth));
            }
            else if (ReferenceEquals(name, n.LST))
            {
                obj.BaseValue = ReadList(PsCollectionKind.List, depth);
            }
            else if (ReferenceEquals(name, n.DCT))
            {
                obj.BaseValue = ReadDictionary(depth);
            }
            else if (ReferenceEquals(name, n.IE))
            {
                obj.BaseValue = ReadList(PsCollectionKind.Enumerable, depth);
            }
            else if (ReferenceEquals(name, n.STK))
            {
                obj.BaseValue = ReadList(PsCollectionKind.Stack, depth);
            }
            else if (ReferenceEquals(name, n.QUE))
            {
                obj.BaseValue = ReadList(PsCollectionKind.Queue, depth);
            }
            else
            {
                obj.BaseValue = ReadValue(depth);
            }
        }

        _reader.Read();
        return obj;
    }

    private PsTypeNames ReadTypeNames()
    {
        var refId = _reader.GetAttribute(ClixmlElement.RefIdAttribute);
        var names = new List<string>(4);
        if (!_reader.IsEmptyElement)
        {
            _reader.Read();
            while (MoveToContentOrEnd())
            {
                CountElement();
                if (!ReferenceEquals(_reader.LocalName, _names.T))
                {
                    throw Unexpected($"element <{_reader.LocalName}> inside <TN>");
                }

                names.Add(ReadString());
            }
        }

        _reader.Read();
        var typeNames = new PsTypeNames(names.ToArray());
        if (refId is not null)
        {
            _typeNames[refId] = typeNames;
        }

        return typeNames;
    }

    private PsPropertyCollection ReadProperties(int depth)
    {
        var properties = new PsPropertyCollection(4);
        if (_reader.IsEmptyElement)
        {
            _reader.Read();
            return properties;
        }

        _reader.Read();
        while (MoveToContentOrEnd())
        {
            var name = ReadNameAttribute()
                ?? throw new PsrpProtocolException(PsrpProtocolError.UnexpectedElement, $"A property element <{_reader.LocalName}> has no N attribute.");
            properties.AddUnchecked(new PsProperty(name, ReadValue(depth)));
        }

        _reader.Read();
        return properties;
    }

    private PsList ReadList(PsCollectionKind kind, int depth)
    {
        CountElement();
        var list = new PsList(kind);
        if (_reader.IsEmptyElement)
        {
            _reader.Read();
            return list;
        }

        _reader.Read();
        while (MoveToContentOrEnd())
        {
            list.Add(ReadValue(depth));
        }

        _reader.Read();
        return list;
    }

    private PsDictionary ReadDictionary(int depth)
    {
        CountElement();
        var dictionary = new PsDictionary();
        if (_reader.IsEmptyElement)
        {
            _reader.Read();
            return dictionary;
        }

        _reader.Read();
        while (MoveToContentOrEnd())
        {
            CountElement();
            if (!ReferenceEquals(_reader.LocalName, _names.En))
            {
                throw Unexpected($"element <{_reader.LocalName}> inside <DCT>");
            }

            object? key = null;
            object? value = null;
            bool haveKey = false, haveValue = false;
            if (!_reader.IsEmptyElement)
            {
                _reader.Read();
                while (MoveToContentOrEnd())
                {
                    var role = _reader.GetAttribute(ClixmlElement.NameAttribute);
                    if (role == ClixmlElement.DictionaryKey)
                    {
                        key = ReadValue(depth);
                        haveKey = true;
                    }
                    else if (role == ClixmlElement.DictionaryValue)
                    {
                        value = ReadValue(depth);
                        haveValue = true;
                    }
                    else
                    {
                        throw Unexpected($"dictionary entry part N=\"{role}\"");
                    }
                }
            }

            _reader.Read();
            if (!haveKey || !haveValue)
            {
                // PowerShell rejects both; a silent null would hide a broken peer.
                throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, $"A dictionary entry <En> has no {(haveKey ? "value" : "key")}.");
            }

            dictionary.Add(key, value);
        }

        _reader.Read();
        return dictionary;
    }

    private PsProgressRecord ReadProgressRecord()
    {
        if (_reader.IsEmptyElement)
        {
            throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, "<PR> is empty.");
        }

        string activity = string.Empty, status = string.Empty, type = "Processing";
        string? operation = null;
        int activityId = 0, parent = -1, percent = -1, seconds = -1;
        _reader.Read();
        var n = _names;
        while (MoveToContentOrEnd())
        {
            CountElement();
            var name = _reader.LocalName;
            if (name == "AV")
            {
                activity = ReadString();
            }
            else if (name == "AI")
            {
                activityId = ParseOr(ReadText(), ParseInt, name);
            }
            else if (name == "PI")
            {
                parent = ParseOr(ReadText(), ParseInt, name);
            }
            else if (name == "PC")
            {
                percent = ParseOr(ReadText(), ParseInt, name);
            }
            else if (name == "SR")
            {
                seconds = ParseOr(ReadText(), ParseInt, name);
            }
            else if (name == "SD")
            {
                status = ReadString();
            }
            else if (ReferenceEquals(name, n.T))
            {
                type = ReadString();
            }
            else if (ReferenceEquals(name, n.S))
            {
                operation = ReadString();
            }
            else if (ReferenceEquals(name, n.Nil))
            {
                SkipEmptyElement();
                operation = null;
            }
            else
            {
                throw Unexpected($"element <{name}> inside <PR>");
            }
        }

        _reader.Read();
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

    private static int ParseInt(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>Atomized element names so the hot path compares references, not strings.</summary>
    private sealed class Names
    {
        public readonly NameTable Table = new();
        public readonly string Objs, Obj, Ref, TN, TNRef, T, ToStringName, Props, MS, LST, IE, STK, QUE, DCT, En;
        public readonly string S, C, B, DT, TS, By, SB, U16, I16, U32, I32, U64, I64, Sg, Db, D, BA, G, URI, Version, XD, SBK, SS, PR, Nil;

        public Names()
        {
            Objs = Table.Add(ClixmlElement.Objs);
            Obj = Table.Add(ClixmlElement.Obj);
            Ref = Table.Add(ClixmlElement.Ref);
            TN = Table.Add(ClixmlElement.TypeNames);
            TNRef = Table.Add(ClixmlElement.TypeNamesRef);
            T = Table.Add(ClixmlElement.TypeName);
            ToStringName = Table.Add(ClixmlElement.ToStringElement);
            Props = Table.Add(ClixmlElement.Adapted);
            MS = Table.Add(ClixmlElement.Extended);
            LST = Table.Add(ClixmlElement.List);
            IE = Table.Add(ClixmlElement.Enumerable);
            STK = Table.Add(ClixmlElement.Stack);
            QUE = Table.Add(ClixmlElement.Queue);
            DCT = Table.Add(ClixmlElement.Dictionary);
            En = Table.Add(ClixmlElement.DictionaryEntry);
            S = Table.Add(ClixmlElement.String);
            C = Table.Add(ClixmlElement.Char);
            B = Table.Add(ClixmlElement.Boolean);
            DT = Table.Add(ClixmlElement.DateTime);
            TS = Table.Add(ClixmlElement.TimeSpan);
            By = Table.Add(ClixmlElement.Byte);
            SB = Table.Add(ClixmlElement.SByte);
            U16 = Table.Add(ClixmlElement.UInt16);
            I16 = Table.Add(ClixmlElement.Int16);
            U32 = Table.Add(ClixmlElement.UInt32);
            I32 = Table.Add(ClixmlElement.Int32);
            U64 = Table.Add(ClixmlElement.UInt64);
            I64 = Table.Add(ClixmlElement.Int64);
            Sg = Table.Add(ClixmlElement.Single);
            Db = Table.Add(ClixmlElement.Double);
            D = Table.Add(ClixmlElement.Decimal);
            BA = Table.Add(ClixmlElement.ByteArray);
            G = Table.Add(ClixmlElement.Guid);
            URI = Table.Add(ClixmlElement.Uri);
            Version = Table.Add(ClixmlElement.Version);
            XD = Table.Add(ClixmlElement.XmlDocument);
            SBK = Table.Add(ClixmlElement.ScriptBlock);
            SS = Table.Add(ClixmlElement.SecureString);
            PR = Table.Add(ClixmlElement.ProgressRecord);
            Nil = Table.Add(ClixmlElement.Nil);
        }
    }
}
