using System.Buffers;
using System.Text;
using System.Xml;

namespace Psrp.Serialization;

/// <summary>
/// A pull tokenizer for the XML that CLIXML uses, working straight on UTF-8 bytes: elements with
/// attributes, text with the predefined entities and character references, CDATA, comments and
/// processing instructions (skipped), and nothing else. A DOCTYPE — and with it every entity
/// bomb and external entity — is refused outright. Everything XML requires of this subset is
/// checked (UTF-8 validity, matching end tags, quoted attributes, well-formed references, line-end
/// and attribute-value normalization), because a peer's bytes are untrusted; what CLIXML never
/// uses (DTDs, namespaces beyond ignoring prefixes) is not implemented.
/// </summary>
/// <remarks>
/// Why not <see cref="System.Xml.XmlReader"/>: it materializes a string for every name, attribute
/// and text node and tracks far more than CLIXML needs; reading a message through it cost more
/// than everything else the reader does. Text is returned as spans; strings are made only for
/// values that are strings, and short repeated ones come from a name cache the scanner keeps between documents.
/// </remarks>
internal sealed class ClixmlScanner : IDisposable
{
    private static readonly SearchValues<byte> NameEnd = SearchValues.Create(" \t\r\n/>=\"'<?"u8);
    private static readonly SearchValues<byte> ForbiddenBytes = SearchValues.Create(
        [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0B, 0x0C, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F]);
    private static readonly SearchValues<byte> TextSpecials = SearchValues.Create("&\r>"u8);
    private static readonly SearchValues<byte> AttributeSpecials = SearchValues.Create("&\t\r\n"u8);
    private static readonly SearchValues<byte> NameSpecials = SearchValues.Create("&\t\r\n_"u8);

    // Names seen in the current start tag, to refuse duplicate attributes as XML requires.
    private readonly List<(int Start, int Length)> _attributeNames = [];
    private HashSet<string>? _manyAttributeNames;

    // Scratch characters kept between documents are capped: a huge string's buffer goes back to the pool.
    private const int KeptCharsLength = 4096;

    // Names and text values in tables of their own, so a stream of distinct values (one per
    // object) never pushes the few property names out and makes them allocate again.
    private readonly Utf8StringCache _names = new();
    private readonly Utf8StringCache _values = new();
    private byte[] _data = [];
    private int _end;
    private int _maxStringLength;
    private int _pos;
    private char[] _chars = [];
    private int _charCount;

    // Attributes of the element last read by ReadStartElement; -1 when absent.
    private int _nStart = -1, _nLength;
    private int _refIdStart = -1, _refIdLength;

    /// <summary>
    /// Starts on a document. A scanner is reused document after document (one per thread), so a
    /// stream of small PSRP messages pays for its buffers and name cache once, not per message.
    /// </summary>
    public void Start(byte[] data, int start, int length, int maxStringLength)
    {
        _data = data;
        _pos = start;
        _end = start + length;
        _maxStringLength = maxStringLength;
        _charCount = 0;
        _nStart = _refIdStart = -1;
        if (_chars.Length == 0)
        {
            _chars = ArrayPool<char>.Shared.Rent(256);
        }

        CheckCharacters(data.AsSpan(start, length));
        if (Remaining.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            _pos += 3;
        }

        if (Remaining.StartsWith("<?xml"u8) && Remaining.Length > 5 && Remaining[5] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'?')
        {
            ReadXmlDeclaration();
        }
    }

    /// <summary>Lets go of the document (and of a scratch buffer a long string grew), ready for the next <see cref="Start"/>.</summary>
    public void Release()
    {
        _data = [];
        _pos = _end = 0;
        _attributeNames.Clear();
        _manyAttributeNames = null;
        if (_chars.Length > KeptCharsLength)
        {
            Dispose();
        }
    }

    /// <summary>
    /// One vectorized pass over the whole input for what XML forbids anywhere, even in comments:
    /// invalid UTF-8, the C0 controls other than tab, CR and LF, and U+FFFE/U+FFFF. (Character
    /// references may still name any code point, as PowerShell's reader allows.)
    /// </summary>
    private static void CheckCharacters(ReadOnlySpan<byte> utf8)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            throw new PsrpProtocolException(PsrpProtocolError.MalformedXml, "The CLIXML is not valid UTF-8.");
        }

        var control = utf8.IndexOfAny(ForbiddenBytes);
        if (control >= 0)
        {
            throw new PsrpProtocolException(PsrpProtocolError.MalformedXml, $"The CLIXML contains the raw control character U+{utf8[control]:X4} at byte {control}; only tab, CR and LF are allowed (others travel as _xHHHH_).");
        }

        // U+FFFE and U+FFFF are EF BF BE and EF BF BF; EF BF itself is rare (U+FFC0 and up).
        for (var at = utf8.IndexOf((ReadOnlySpan<byte>)[0xEF, 0xBF]); at >= 0 && at + 2 < utf8.Length;)
        {
            if (utf8[at + 2] >= 0xBE)
            {
                throw new PsrpProtocolException(PsrpProtocolError.MalformedXml, $"The CLIXML contains the non-character U+FF{utf8[at + 2] - 0x80 + 0xC0:X2} at byte {at}.");
            }

            var next = utf8[(at + 2)..].IndexOf((ReadOnlySpan<byte>)[0xEF, 0xBF]);
            at = next < 0 ? -1 : at + 2 + next;
        }
    }

    /// <summary>
    /// The XML declaration: only at the very start, version 1.0, and if it names an encoding it
    /// must be UTF-8 (the bytes are read as UTF-8 whatever it says, so anything else would lie).
    /// </summary>
    private void ReadXmlDeclaration()
    {
        _pos += 5;
        var sawVersion = false;
        var order = 0;
        while (true)
        {
            var hadSpace = SkipWhitespace();
            if (Remaining.StartsWith("?>"u8))
            {
                _pos += 2;
                if (!sawVersion)
                {
                    throw Malformed("The XML declaration has no version.");
                }

                return;
            }

            if (!hadSpace)
            {
                throw Malformed("The XML declaration is malformed.");
            }

            var nameStart = _pos;
            var nameEnd = ScanName(nameStart);
            _pos = nameEnd;
            var value = ReadQuotedValue();
            var name = _data.AsSpan(nameStart, nameEnd - nameStart);
            if (name.SequenceEqual("version"u8) && order == 0)
            {
                sawVersion = value.SequenceEqual("1.0"u8) ? true : throw Malformed("Only XML version 1.0 is supported.");
                order = 1;
            }
            else if (name.SequenceEqual("encoding"u8) && order == 1)
            {
                order = 2;
                if (!Ascii.EqualsIgnoreCase(value, "utf-8"u8))
                {
                    throw Malformed("The XML declaration names an encoding other than UTF-8.");
                }
            }
            else if (name.SequenceEqual("standalone"u8) && order is 1 or 2)
            {
                order = 3;
                if (!value.SequenceEqual("yes"u8) && !value.SequenceEqual("no"u8))
                {
                    throw Malformed("The XML declaration's standalone value is not yes or no.");
                }
            }
            else
            {
                throw Malformed("The XML declaration is malformed.");
            }
        }
    }

    /// <summary>What comes next in element content or at the top level.</summary>
    public enum Node
    {
        /// <summary>A start tag (the scanner is on its <c>&lt;</c>).</summary>
        Element,

        /// <summary>An end tag (the scanner is on its <c>&lt;/</c>).</summary>
        EndElement,

        /// <summary>Character data other than whitespace, or a CDATA section.</summary>
        Text,

        /// <summary>The input is exhausted.</summary>
        EndOfInput,
    }

    /// <summary>The tag of the element last read by <see cref="ReadStartElement"/>.</summary>
    public ClixmlTag Tag { get; private set; }

    /// <summary>True when the element last read was written <c>&lt;X /&gt;</c>.</summary>
    public bool IsEmptyElement { get; private set; }

    /// <summary>True when the element last read has a <c>RefId</c> attribute.</summary>
    public bool HasRefId => _refIdStart >= 0;

    private ReadOnlySpan<byte> Remaining => _data.AsSpan(_pos, _end - _pos);

    public void Dispose()
    {
        var chars = _chars;
        _chars = [];
        if (chars.Length > 0)
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Skips whitespace, comments and processing instructions, and says what follows.</summary>
    public Node MoveToContent()
    {
        while (true)
        {
            _pos = SkipWhitespaceFrom(_pos);
            if (_pos >= _end)
            {
                return Node.EndOfInput;
            }

            if (_data[_pos] != (byte)'<')
            {
                return Node.Text;
            }

            var rest = Remaining;
            if (rest.Length < 2)
            {
                throw Malformed("The CLIXML ends inside a tag.");
            }

            switch (rest[1])
            {
                case (byte)'/':
                    return Node.EndElement;
                case (byte)'?':
                    SkipProcessingInstruction();
                    break;
                case (byte)'!':
                    if (rest.StartsWith("<!--"u8))
                    {
                        SkipComment();
                    }
                    else if (rest.StartsWith("<![CDATA["u8))
                    {
                        return Node.Text;
                    }
                    else
                    {
                        // <!DOCTYPE and its kin: no DTD, hence no entity expansion and no external entities.
                        throw Malformed("The CLIXML contains a DTD or another declaration; DTDs are not allowed.");
                    }

                    break;
                default:
                    return Node.Element;
            }
        }
    }

    /// <summary>
    /// Reads the start tag the scanner is on and its attributes; returns the position of its name,
    /// which <see cref="ReadEndElement"/> and the content readers check the end tag against.
    /// </summary>
    public Range ReadStartElement()
    {
        _nStart = _refIdStart = -1;
        _attributeNames.Clear();
        _manyAttributeNames = null;
        var nameStart = _pos + 1;
        var nameEnd = ScanName(nameStart);
        if (PrefixLength(nameStart, nameEnd) > 0)
        {
            // Legal XML when the prefix is declared, but CLIXML never uses one; not worth tracking scopes for.
            throw Error(PsrpProtocolError.UnexpectedElement, "A prefixed element name is not CLIXML");
        }

        Tag = ClixmlTags.Lookup(_data.AsSpan(nameStart, nameEnd - nameStart));
        _pos = nameEnd;

        while (true)
        {
            var hadSpace = SkipWhitespace();
            if (_pos >= _end)
            {
                throw Malformed("The CLIXML ends inside a start tag.");
            }

            var b = _data[_pos];
            if (b == (byte)'>')
            {
                _pos++;
                IsEmptyElement = false;
                return nameStart..nameEnd;
            }

            if (b == (byte)'/')
            {
                if (_pos + 1 >= _end || _data[_pos + 1] != (byte)'>')
                {
                    throw Malformed("A start tag has '/' not followed by '>'.");
                }

                _pos += 2;
                IsEmptyElement = true;
                return nameStart..nameEnd;
            }

            if (!hadSpace)
            {
                throw Malformed("Attributes must be separated by whitespace.");
            }

            ReadAttribute();
        }
    }

    private void ReadAttribute()
    {
        var nameStart = _pos;
        var nameEnd = ScanName(nameStart);
        _pos = nameEnd;
        NoteAttributeName(nameStart, nameEnd - nameStart);
        var value = ReadQuotedValue();
        var valueStart = _pos - value.Length - 1;
        if (value.Contains((byte)'&'))
        {
            // Every value must be well-formed, read later or not (xmlns, Version…).
            _charCount = 0;
            AppendDecoded(value, attribute: true);
        }

        var name = _data.AsSpan(nameStart, nameEnd - nameStart);
        var prefix = PrefixLength(nameStart, nameEnd);
        if (prefix > 0)
        {
            var declared = name[..prefix];
            if (declared.SequenceEqual("xmlns"u8))
            {
                if (value.IsEmpty)
                {
                    throw Malformed("A namespace prefix is declared with an empty namespace.");
                }
            }
            else if (!declared.SequenceEqual("xml"u8))
            {
                throw Error(PsrpProtocolError.UnexpectedElement, "A prefixed attribute name is not CLIXML");
            }
        }
        else if (name.SequenceEqual("N"u8))
        {
            (_nStart, _nLength) = (valueStart, value.Length);
        }
        else if (name.SequenceEqual("RefId"u8))
        {
            (_refIdStart, _refIdLength) = (valueStart, value.Length);
        }
    }

    /// <summary>Reads <c>= "value"</c> after an attribute name; returns the raw value and moves past its closing quote.</summary>
    private ReadOnlySpan<byte> ReadQuotedValue()
    {
        SkipWhitespace();
        if (_pos >= _end || _data[_pos] != (byte)'=')
        {
            throw Malformed("An attribute has no '=' and value.");
        }

        _pos++;
        SkipWhitespace();
        if (_pos >= _end || (_data[_pos] != (byte)'"' && _data[_pos] != (byte)'\''))
        {
            throw Malformed("An attribute value is not quoted.");
        }

        var quote = _data[_pos];
        var valueStart = _pos + 1;
        var length = _data.AsSpan(valueStart, _end - valueStart).IndexOf(quote);
        if (length < 0)
        {
            throw Malformed("The CLIXML ends inside an attribute value.");
        }

        var value = _data.AsSpan(valueStart, length);
        if (value.Contains((byte)'<'))
        {
            throw Malformed("An attribute value contains '<'.");
        }

        _pos = valueStart + length + 1;
        return value;
    }

    private void NoteAttributeName(int start, int length)
    {
        var name = _data.AsSpan(start, length);
        if (_manyAttributeNames is not null)
        {
            if (!_manyAttributeNames.Add(Encoding.UTF8.GetString(name)))
            {
                throw Malformed("An element has the same attribute twice.");
            }

            return;
        }

        foreach (var (otherStart, otherLength) in _attributeNames)
        {
            if (name.SequenceEqual(_data.AsSpan(otherStart, otherLength)))
            {
                throw Malformed("An element has the same attribute twice.");
            }
        }

        _attributeNames.Add((start, length));
        if (_attributeNames.Count > 8)
        {
            // A peer padding a tag with attributes gets a hash set, not a quadratic scan.
            _manyAttributeNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (otherStart, otherLength) in _attributeNames)
            {
                _manyAttributeNames.Add(Encoding.UTF8.GetString(_data, otherStart, otherLength));
            }
        }
    }

    /// <summary>Reads the end tag the scanner is on, which must close the element named at <paramref name="name"/>.</summary>
    public void ReadEndElement(Range name)
    {
        var (start, length) = name.GetOffsetAndLength(_data.Length);
        var rest = Remaining;
        if (rest.Length < length + 3 || rest[0] != (byte)'<' || rest[1] != (byte)'/' ||
            !rest.Slice(2, length).SequenceEqual(_data.AsSpan(start, length)))
        {
            throw rest.StartsWith("</"u8)
                ? Malformed($"The end tag does not match <{Encoding.UTF8.GetString(_data, start, length)}>.")
                : Malformed($"The CLIXML ends inside <{Encoding.UTF8.GetString(_data, start, length)}>.");
        }

        _pos += 2 + length;
        SkipWhitespace();
        if (_pos >= _end || _data[_pos] != (byte)'>')
        {
            throw Malformed("An end tag is not closed by '>'.");
        }

        _pos++;
    }

    /// <summary>
    /// Reads the text content of a text-only element up to and including its end tag. Child
    /// elements are a grammar error; the string limit is enforced as the text is gathered.
    /// </summary>
    public Leaf ReadLeaf(Range name, string element)
    {
        if (IsEmptyElement)
        {
            return new Leaf(_pos, 0, decoded: false);
        }

        var start = _pos;
        var lt = Remaining.IndexOf((byte)'<');
        if (lt < 0)
        {
            throw Malformed($"The CLIXML ends inside <{element}>.");
        }

        var run = _data.AsSpan(start, lt);
        if (lt + 1 < _end - start && _data[start + lt + 1] == (byte)'/' && run.IndexOfAny(TextSpecials) < 0)
        {
            // The common case: one run of plain text, then the end tag.
            _pos = start + lt;
            CheckLength(run);
            ReadEndElement(name);
            return new Leaf(start, lt, decoded: false);
        }

        _charCount = 0;
        while (true)
        {
            lt = Remaining.IndexOf((byte)'<');
            if (lt < 0)
            {
                throw Malformed($"The CLIXML ends inside <{element}>.");
            }

            AppendDecoded(_data.AsSpan(_pos, lt), attribute: false);
            _pos += lt;
            var rest = Remaining;
            if (rest.StartsWith("</"u8))
            {
                ReadEndElement(name);
                return new Leaf(0, _charCount, decoded: true);
            }

            if (rest.StartsWith("<![CDATA["u8))
            {
                var content = _pos + 9;
                var close = _data.AsSpan(content, _end - content).IndexOf("]]>"u8);
                if (close < 0)
                {
                    throw Malformed("The CLIXML ends inside a CDATA section.");
                }

                AppendRaw(_data.AsSpan(content, close));
                _pos = content + close + 3;
            }
            else if (rest.StartsWith("<!--"u8))
            {
                SkipComment();
            }
            else if (rest.StartsWith("<?"u8))
            {
                SkipProcessingInstruction();
            }
            else if (rest.StartsWith("<!"u8))
            {
                throw Malformed("The CLIXML contains a DTD or another declaration; DTDs are not allowed.");
            }
            else
            {
                throw new PsrpProtocolException(PsrpProtocolError.UnexpectedElement, $"Unexpected element inside <{element}>, which holds only text, {Where(_pos)}.");
            }
        }
    }

    /// <summary>
    /// Moves past an element whose content must be empty (<c>Nil</c>, <c>Ref</c>, <c>TNRef</c>).
    /// Stray text is tolerated as PowerShell tolerates it; child elements are not, because
    /// skipping them unchecked would let a peer nest without bound outside the depth limit.
    /// </summary>
    public void SkipEmptyContent(Range name, string element)
    {
        if (IsEmptyElement)
        {
            return;
        }

        while (true)
        {
            var lt = Remaining.IndexOf((byte)'<');
            if (lt < 0)
            {
                throw Malformed($"The CLIXML ends inside <{element}>.");
            }

            _charCount = 0;
            AppendDecoded(_data.AsSpan(_pos, lt), attribute: false); // validates references; the text is dropped
            _pos += lt;
            var rest = Remaining;
            if (rest.StartsWith("</"u8))
            {
                ReadEndElement(name);
                return;
            }

            if (rest.StartsWith("<!--"u8))
            {
                SkipComment();
            }
            else if (rest.StartsWith("<?"u8))
            {
                SkipProcessingInstruction();
            }
            else if (rest.StartsWith("<![CDATA["u8))
            {
                var close = rest.IndexOf("]]>"u8);
                _pos = close < 0 ? throw Malformed("The CLIXML ends inside a CDATA section.") : _pos + close + 3;
            }
            else
            {
                throw new PsrpProtocolException(PsrpProtocolError.UnexpectedElement, $"Unexpected content inside <{element}>, which must be empty, {Where(_pos)}.");
            }
        }
    }

    /// <summary>The decoded string of a leaf; <paramref name="psDecode"/> also undoes PowerShell's <c>_xHHHH_</c> escaping.</summary>
    public string LeafString(Leaf leaf, bool psDecode)
    {
        if (leaf.Length == 0)
        {
            return string.Empty;
        }

        if (!leaf.Decoded)
        {
            var bytes = _data.AsSpan(leaf.Start, leaf.Length);
            if (!psDecode || !bytes.Contains((byte)'_'))
            {
                return _values.Get(bytes);
            }

            _charCount = 0;
            AppendRaw(bytes);
        }

        var chars = _chars.AsSpan(0, leaf.Decoded ? leaf.Length : _charCount);
        var length = psDecode ? ClixmlText.DecodeInPlace(chars) : chars.Length;
        return new string(chars[..length]);
    }

    /// <summary>The characters of a leaf (valid until the scanner reads on), for parsing primitives without a string.</summary>
    public ReadOnlySpan<char> LeafChars(Leaf leaf)
    {
        if (leaf.Decoded)
        {
            return _chars.AsSpan(0, leaf.Length);
        }

        _charCount = 0;
        AppendRaw(_data.AsSpan(leaf.Start, leaf.Length));
        return _chars.AsSpan(0, _charCount);
    }

    /// <summary>The raw UTF-8 of a leaf that needed no decoding, or an empty span when it did.</summary>
    public ReadOnlySpan<byte> LeafBytes(Leaf leaf) => leaf.Decoded ? default : _data.AsSpan(leaf.Start, leaf.Length);

    /// <summary>The decoded <c>N</c> attribute of the element last read (PowerShell escaping undone), or null.</summary>
    public string? NameAttribute()
    {
        if (_nStart < 0)
        {
            return null;
        }

        var raw = _data.AsSpan(_nStart, _nLength);
        if (raw.IndexOfAny(NameSpecials) < 0)
        {
            return _names.Get(raw);
        }

        _charCount = 0;
        AppendDecoded(raw, attribute: true);
        var length = ClixmlText.DecodeInPlace(_chars.AsSpan(0, _charCount));
        return new string(_chars, 0, length);
    }

    /// <summary>True when the element last read has <c>N="<paramref name="value"/>"</c> (ASCII, no references).</summary>
    public bool NameEquals(ReadOnlySpan<byte> value) => _nStart >= 0 && _data.AsSpan(_nStart, _nLength).SequenceEqual(value);

    /// <summary>
    /// The <c>RefId</c> of the element last read. PowerShell writes small decimal numbers; those
    /// come back as a number without allocating, anything else as its text.
    /// </summary>
    public (int Number, string? Text) RefId()
    {
        var raw = _data.AsSpan(_refIdStart, _refIdLength);
        if (raw.Length is > 0 and <= 9 && raw.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0)
        {
            var number = 0;
            foreach (var digit in raw)
            {
                number = (number * 10) + (digit - '0');
            }

            return (number, null);
        }

        _charCount = 0;
        AppendDecoded(raw, attribute: true);
        return (-1, new string(_chars, 0, _charCount));
    }

    /// <summary>The element name at <paramref name="name"/>, for error messages (at most 64 bytes of it).</summary>
    public string NameOf(Range name)
    {
        var (start, length) = name.GetOffsetAndLength(_data.Length);
        return Encoding.UTF8.GetString(_data, start, Math.Min(length, 64));
    }

    /// <summary>A protocol error at the scanner's position (for grammar errors the reader detects).</summary>
    public PsrpProtocolException Error(PsrpProtocolError code, string message) => new(code, $"{message} ({Where(_pos)})");

    private PsrpProtocolException Malformed(string message) => Error(PsrpProtocolError.MalformedXml, message);

    private string Where(int offset)
    {
        var before = _data.AsSpan(0, Math.Min(offset, _end));
        var line = before.Count((byte)'\n') + 1;
        var lastNewline = before.LastIndexOf((byte)'\n');
        return $"line {line}, byte {offset - lastNewline}";
    }

    private void CheckLength(ReadOnlySpan<byte> utf8)
    {
        // UTF-8 never has fewer bytes than UTF-16 units, so counting is only needed near the limit.
        if (utf8.Length > _maxStringLength && Encoding.UTF8.GetCharCount(utf8) > _maxStringLength)
        {
            throw StringTooLong();
        }
    }

    private PsrpProtocolException StringTooLong() =>
        Error(PsrpProtocolError.LimitExceeded, $"A CLIXML string is longer than the limit of {_maxStringLength} characters");

    private bool SkipWhitespace()
    {
        var start = _pos;
        _pos = SkipWhitespaceFrom(start);
        return _pos > start;
    }

    /// <summary>
    /// Where the XML whitespace starting at <paramref name="pos"/> ends. A plain loop: runs between
    /// tags are short (none on the wire, an indentation in a file) and a vectorized search costs
    /// more to set up than it saves; a long run still takes one pass.
    /// </summary>
    private int SkipWhitespaceFrom(int pos)
    {
        var data = _data;
        var end = _end;
        while (pos < end && IsWhitespace(data[pos]))
        {
            pos++;
        }

        return pos;
    }

    // Bits for tab, LF, CR and space, tested by shifting: a compare and a bit test per byte.
    private const ulong WhitespaceBits = (1UL << '\t') | (1UL << '\n') | (1UL << '\r') | (1UL << ' ');

    private static bool IsWhitespace(byte b) => b <= (byte)' ' && ((1UL << b) & WhitespaceBits) != 0;

    /// <summary>Scans an XML name from <paramref name="start"/>, checking its characters; returns where it ends.</summary>
    private int ScanName(int start)
    {
        if (start >= _end)
        {
            throw Malformed("The CLIXML ends inside a tag.");
        }

        // Fast path: a run of ASCII name characters ended by a byte that ends names, which is
        // every name CLIXML uses; anything else takes the full check below.
        var data = _data;
        var end = start;
        while (end < _end && NameBytes[data[end]] == NameByte)
        {
            end++;
        }

        if (end > start && end < _end && NameBytes[data[end]] == NameEndByte && data[start] is not ((byte)'-' or (byte)'.' or (>= (byte)'0' and <= (byte)'9')))
        {
            return end;
        }

        var length = _data.AsSpan(start, _end - start).IndexOfAny(NameEnd);
        if (length <= 0)
        {
            throw length < 0 ? Malformed("The CLIXML ends inside a tag.") : Malformed("A tag or attribute name is missing.");
        }

        var name = _data.AsSpan(start, length);
        var first = name[0];
        if (first is (byte)'-' or (byte)'.' or (>= (byte)'0' and <= (byte)'9'))
        {
            throw Malformed("A name starts with a character names cannot start with.");
        }

        var invalid = name.IndexOfAnyExcept(AsciiNameChars);
        if (invalid >= 0 && !IsNonAsciiName(name[invalid..]))
        {
            throw Malformed("A name contains a character names cannot contain.");
        }

        return start + length;
    }

    private static readonly SearchValues<byte> AsciiNameChars =
        SearchValues.Create(AsciiNameCharList);

    private static ReadOnlySpan<byte> AsciiNameCharList => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-:"u8;

    private const byte NameByte = 1;
    private const byte NameEndByte = 2;

    // Every byte's role in a name (NameByte, NameEndByte, or 0 for the rest), for a loop with one load and compare per byte.
    private static readonly byte[] NameBytes = CreateNameBytes();

    private static byte[] CreateNameBytes()
    {
        var roles = new byte[256];
        foreach (var b in AsciiNameCharList)
        {
            roles[b] = NameByte;
        }

        foreach (var b in " \t\r\n/>=\"'<?"u8)
        {
            roles[b] = NameEndByte;
        }

        return roles;
    }

    /// <summary>The rest of a name from its first non-ASCII-name byte: XML allows letters of other scripts.</summary>
    private static bool IsNonAsciiName(ReadOnlySpan<byte> rest)
    {
        while (!rest.IsEmpty)
        {
            if (rest[0] < 0x80)
            {
                if (rest.IndexOfAnyExcept(AsciiNameChars) is var stop && stop == 0)
                {
                    return false;
                }

                rest = stop < 0 ? default : rest[stop..];
                continue;
            }

            System.Text.Rune.DecodeFromUtf8(rest, out var rune, out var consumed);
            if (rune.IsBmp ? !XmlConvert.IsNCNameChar((char)rune.Value) : rune.Value > 0xEFFFF)
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }

    /// <summary>Length of the prefix of <c>prefix:local</c>, or 0; a misplaced or second colon is malformed.</summary>
    private int PrefixLength(int start, int end)
    {
        var name = _data.AsSpan(start, end - start);
        var colon = name.IndexOf((byte)':');
        if (colon < 0)
        {
            return 0;
        }

        if (colon == 0 || colon == name.Length - 1 || name[(colon + 1)..].Contains((byte)':') ||
            name[colon + 1] is (byte)'-' or (byte)'.' or (>= (byte)'0' and <= (byte)'9'))
        {
            throw Malformed("A name has a misplaced colon.");
        }

        return colon;
    }

    private void SkipComment()
    {
        // XML forbids "--" inside a comment, so the first "--" must be the one that closes it.
        var dashes = _data.AsSpan(_pos + 4, _end - _pos - 4).IndexOf("--"u8);
        if (dashes < 0)
        {
            throw Malformed("The CLIXML ends inside a comment.");
        }

        var close = _pos + 4 + dashes;
        if (close + 2 >= _end || _data[close + 2] != (byte)'>')
        {
            throw Malformed("A comment contains '--'.");
        }

        _pos = close + 3;
    }

    private void SkipProcessingInstruction()
    {
        var targetEnd = ScanName(_pos + 2);
        var target = _data.AsSpan(_pos + 2, targetEnd - _pos - 2);
        if (Ascii.EqualsIgnoreCase(target, "xml"u8))
        {
            throw Malformed("An XML declaration is allowed only at the very start of the document.");
        }

        if (PrefixLength(_pos + 2, targetEnd) > 0)
        {
            throw Malformed("A processing instruction target has a colon.");
        }

        var rest = _data.AsSpan(targetEnd, _end - targetEnd);
        if (!rest.StartsWith("?>"u8) && (rest.IsEmpty || rest[0] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')))
        {
            throw Malformed("A processing instruction target is not followed by whitespace.");
        }

        var close = rest.IndexOf("?>"u8);
        _pos = close < 0 ? throw Malformed("The CLIXML ends inside a processing instruction.") : targetEnd + close + 2;
    }

    /// <summary>
    /// Appends text to the scratch buffer resolving references and normalizing line ends
    /// (CR LF and lone CR become LF; in attribute values every tab, CR and LF becomes a space),
    /// exactly as an XML parser must.
    /// </summary>
    private void AppendDecoded(ReadOnlySpan<byte> text, bool attribute)
    {
        while (!text.IsEmpty)
        {
            var special = attribute ? text.IndexOfAny(AttributeSpecials) : text.IndexOfAny(TextSpecials);
            if (special < 0)
            {
                AppendRaw(text);
                return;
            }

            AppendRaw(text[..special]);
            var b = text[special];
            if (b == (byte)'>')
            {
                // Only the sequence "]]>" is forbidden in content; a lone '>' is text.
                if (special >= 2 && text[special - 1] == (byte)']' && text[special - 2] == (byte)']')
                {
                    throw Malformed("Text contains ']]>'.");
                }

                AppendChar('>');
                text = text[(special + 1)..];
            }
            else if (b == (byte)'&')
            {
                var semicolon = text[special..].IndexOf((byte)';');
                if (semicolon < 0)
                {
                    throw Malformed("An '&' does not start a reference ending in ';'.");
                }

                AppendReference(text.Slice(special + 1, semicolon - 1));
                text = text[(special + semicolon + 1)..];
            }
            else
            {
                AppendChar(attribute ? ' ' : '\n');
                var next = special + 1;
                if (b == (byte)'\r' && next < text.Length && text[next] == (byte)'\n')
                {
                    next++;
                }

                text = text[next..];
            }
        }
    }

    private void AppendReference(ReadOnlySpan<byte> name)
    {
        switch (name)
        {
            case [(byte)'l', (byte)'t']: AppendChar('<'); return;
            case [(byte)'g', (byte)'t']: AppendChar('>'); return;
            case [(byte)'a', (byte)'m', (byte)'p']: AppendChar('&'); return;
            case [(byte)'q', (byte)'u', (byte)'o', (byte)'t']: AppendChar('"'); return;
            case [(byte)'a', (byte)'p', (byte)'o', (byte)'s']: AppendChar('\''); return;
            case [(byte)'#', (byte)'x', .. var hex] when hex.Length > 0:
                AppendCodePoint(ParseDigits(hex, 16));
                return;
            case [(byte)'#', .. var digits] when digits.Length > 0:
                AppendCodePoint(ParseDigits(digits, 10));
                return;
            default:
                throw Malformed($"Unknown entity or malformed character reference '&{Encoding.UTF8.GetString(name[..Math.Min(name.Length, 32)])};' (DTD entities are not allowed).");
        }
    }

    private int ParseDigits(ReadOnlySpan<byte> digits, int radix)
    {
        var value = 0;
        foreach (var c in digits)
        {
            var d = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' when radix == 16 => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' when radix == 16 => c - 'A' + 10,
                _ => throw Malformed("A character reference has an invalid digit."),
            };
            value = (value * radix) + d;
            if (value > 0x10FFFF)
            {
                throw Malformed("A character reference names a code point above U+10FFFF.");
            }
        }

        return value;
    }

    /// <summary>
    /// Any code point up to U+10FFFF, surrogate halves and controls included: PowerShell's reader
    /// (CheckCharacters off) accepts them in references, so a conforming peer may send them.
    /// </summary>
    private void AppendCodePoint(int codePoint)
    {
        if (codePoint > 0xFFFF)
        {
            codePoint -= 0x10000;
            AppendChar((char)(0xD800 + (codePoint >> 10)));
            AppendChar((char)(0xDC00 + (codePoint & 0x3FF)));
        }
        else
        {
            AppendChar((char)codePoint);
        }
    }

    /// <summary>Appends UTF-8 (already validated) with only line-end normalization, as CDATA requires.</summary>
    private void AppendRaw(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return;
        }

        // Refuse an over-long string before growing the buffer for it: memory stays near the limit.
        if (_charCount + utf8.Length > _maxStringLength && _charCount + Encoding.UTF8.GetCharCount(utf8) > _maxStringLength)
        {
            throw StringTooLong();
        }

        EnsureRoom(utf8.Length);
        var written = Encoding.UTF8.GetChars(utf8, _chars.AsSpan(_charCount));
        var appended = _chars.AsSpan(_charCount, written);
        var cr = appended.IndexOf('\r');
        if (cr >= 0)
        {
            // Rare (PowerShell escapes CR): normalize in place, shrinking the run.
            var write = cr;
            for (var read = cr; read < appended.Length; read++)
            {
                var c = appended[read];
                if (c == '\r')
                {
                    appended[write++] = '\n';
                    if (read + 1 < appended.Length && appended[read + 1] == '\n')
                    {
                        read++;
                    }
                }
                else
                {
                    appended[write++] = c;
                }
            }

            written = write;
        }

        _charCount += written;
        if (_charCount > _maxStringLength)
        {
            throw StringTooLong();
        }
    }

    private void AppendChar(char c)
    {
        EnsureRoom(1);
        _chars[_charCount++] = c;
        if (_charCount > _maxStringLength)
        {
            throw StringTooLong();
        }
    }

    private void EnsureRoom(int count)
    {
        var needed = _charCount + count;
        if (needed <= _chars.Length)
        {
            return;
        }

        var bigger = ArrayPool<char>.Shared.Rent(Math.Max(needed, _chars.Length * 2));
        _chars.AsSpan(0, _charCount).CopyTo(bigger);
        ArrayPool<char>.Shared.Return(_chars);
        _chars = bigger;
    }

    /// <summary>Where a leaf's text is: raw bytes in the input, or decoded characters in the scratch buffer.</summary>
    public readonly struct Leaf
    {
        public Leaf(int start, int length, bool decoded)
        {
            Start = start;
            Length = length;
            Decoded = decoded;
        }

        public int Start { get; }

        /// <summary>Bytes when raw, characters when decoded.</summary>
        public int Length { get; }

        public bool Decoded { get; }
    }
}
