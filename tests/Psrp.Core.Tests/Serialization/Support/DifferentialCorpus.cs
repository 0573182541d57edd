using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Text;
using System.Xml;

namespace Psrp.Tests.Serialization.Support;

/// <summary>One value of the corpus and PowerShell's CLIXML for it (made once, shared by the tests).</summary>
/// <param name="Name">Stable test-case name.</param>
/// <param name="Value">The original value: a .NET value, or a PSObject made by a real runspace.</param>
/// <param name="Depth">The depth PowerShell serializes with.</param>
/// <param name="ComparableToOriginal">
/// True when the serialized form holds exactly the original's data (primitives, plain collections,
/// enums, custom objects), so our model can be compared with the original value itself; false for
/// objects PowerShell flattens (ErrorRecord notes, depth-cut properties).
/// </param>
/// <param name="WriterInput">True when it is a plain .NET value our writer maps itself (no PSObject).</param>
internal sealed record CorpusCase(string Name, object? Value, int Depth, bool ComparableToOriginal, bool WriterInput)
{
    private string? _xml;

    /// <summary>PowerShell's serialization of <see cref="Value"/>.</summary>
    public string PowerShellXml => _xml ??= PsOracle.Serialize(Value, Depth);

    public override string ToString() => Name;
}

/// <summary>
/// The generated corpus for the differential tests: every primitive with its edge values,
/// hostile strings, nested and shared collections, enums of every underlying type, cycles,
/// and real PowerShell objects (custom objects, ErrorRecords, stream records, provider items).
/// </summary>
internal static class DifferentialCorpus
{
    private static readonly Lazy<IReadOnlyDictionary<string, CorpusCase>> Cases = new(Build);

    public static IEnumerable<string> Names => Cases.Value.Keys;

    public static IEnumerable<string> WriterInputNames => Cases.Value.Values.Where(c => c.WriterInput).Select(c => c.Name);

    public static CorpusCase Get(string name) => Cases.Value[name];

    private static IReadOnlyDictionary<string, CorpusCase> Build()
    {
        var cases = new Dictionary<string, CorpusCase>(StringComparer.Ordinal);
        void Net(string name, object? value, int depth = 10) => cases.Add(name, new CorpusCase(name, value, depth, true, true));
        void Ps(string name, string script, int depth = 4, bool comparable = false) =>
            cases.Add(name, new CorpusCase(name, PowerShellSession.InvokeOne(script), depth, comparable, false));
        void Obj(string name, object value, int depth = 10) => cases.Add(name, new CorpusCase(name, value, depth, true, false));

        Net("null", null);
        AddPrimitives(Net);
        AddStrings(Net);
        AddCollections(Net);
        AddEnums(Net);
        AddReferences(Net, Obj);

        // PowerShell-engine types the core library cannot reference: written by PowerShell only.
        Obj("scriptblock", ScriptBlock.Create("param($x)\n'a' | ForEach-Object { $_ + \"`t_x0041_\" }\r\n"), 10);
        Obj("progress-record", new ProgressRecord(3, "Copying <files>", "3 of 10") { CurrentOperation = "a.txt", PercentComplete = 30, SecondsRemaining = 12, ParentActivityId = 1 }, 10);
        Obj("progress-record-completed", new ProgressRecord(4, "act", "done") { RecordType = ProgressRecordType.Completed }, 10);

        Ps("ps:pscustomobject-nested", "[pscustomobject]@{ Name = 'outer'; Inner = [pscustomobject]@{ Level = 2; Deeper = [pscustomobject]@{ Level = 3; Items = @(1, 'two', 3.0, $null) } } }", depth: 5, comparable: true);
        Ps("ps:pscustomobject-odd-names", "[pscustomobject]@{ 'a b' = 1; '<&>\"''' = 2; '_x0041_' = 3; \"tab`there\" = 4; '😀 emoji' = 5; 'x' = [pscustomobject]@{} }", comparable: true);
        Ps("ps:pscustomobject-typename", "[pscustomobject]@{ PSTypeName = 'My.Custom.Type'; A = 1 }", comparable: true);
        Ps("ps:pscustomobject-empty", "[pscustomobject]@{}", comparable: true);
        Ps("ps:ordered", "[ordered]@{ b = 2; a = 1; c = @{ nested = $true } }", comparable: true);
        Ps("ps:hashtable-nested", "@{ list = @(1, 2, @(3, 4)); dict = @{ x = 'y' }; nothing = $null; when = [datetime]::new(2001, 2, 3, 4, 5, 6, [DateTimeKind]::Utc) }", comparable: true);
        Ps("ps:int-with-note", "$x = [psobject]5; $x.psobject.Properties.Add([psnoteproperty]::new('Note', 'hi')); $x", comparable: true);
        Ps("ps:string-with-note", "$x = [psobject]'text'; $x.psobject.Properties.Add([psnoteproperty]::new('Extra', 42)); $x");
        Ps("ps:datetime-with-note", "$d = [psobject][datetime]::new(2021, 3, 4, 5, 6, 7, [DateTimeKind]::Utc); $d.psobject.Properties.Add([psnoteproperty]::new('DisplayHint', 'DateTime')); $d");
        Ps("ps:error-throw", "try { throw 'boom' } catch { $_ }", depth: 2);
        Ps("ps:error-divide", "try { 1 / 0 } catch { $_ }", depth: 3);
        Ps("ps:error-from-cmdlet", "Get-Command -Name 'no-such-command-here' -ErrorAction SilentlyContinue -ErrorVariable ev; $ev[0]", depth: 2);
        Ps("ps:error-constructed", "[System.Management.Automation.ErrorRecord]::new([InvalidOperationException]::new('bad <thing>', [ArgumentException]::new('inner')), 'My.Id', 'InvalidData', 7)", depth: 3);
        Ps("ps:warning-record", "[System.Management.Automation.WarningRecord]::new('careful')", depth: 2);
        Ps("ps:information-record", "$r = [System.Management.Automation.InformationRecord]::new('note', 'source'); $r.Tags.Add('a'); $r", depth: 2);
        Ps("ps:progress-record", "[System.Management.Automation.ProgressRecord]::new(7, 'activity', 'status')");
        Ps("ps:psversiontable", "$PSVersionTable", depth: 2);
        Ps("ps:directory-info", "[System.IO.DirectoryInfo]::new('/')", depth: 1);
        Ps("ps:cmdlet-info", "Get-Command -Name Get-Command", depth: 1);
        Ps("ps:class-instance", "class Shape { [int] $Sides = 3; [string] $Name = 'tri' }; [Shape]::new()", depth: 2);
        Ps("ps:self-referencing-object", "$o = [pscustomobject]@{ a = 1 }; $o.psobject.Properties.Add([psnoteproperty]::new('self', $o)); $o", comparable: true);
        Ps("ps:cyclic-hashtable", "$h = @{ k = 1 }; $h.self = $h; $h", comparable: true);
        Ps("ps:shared-objects", "$x = [pscustomobject]@{ v = 1 }; $h = @{ x = $x }; ,@($x, $h, $x, $h)", comparable: true);
        Ps("ps:enum-array", ",@([ConsoleColor]::Red, [DayOfWeek]::Monday, [System.IO.FileAttributes]'Hidden, System')", comparable: true);
        Ps("ps:scriptblock", "{ param($a) $a + 1 # _x0041_\n}", comparable: true);
        Ps("ps:xml", "[xml]'<root a=\"1\"><child>text &amp; more</child></root>'");
        Ps("ps:array-of-arrays", ",@(@(1, 2), @(), @(@('deep')))", comparable: true);
        return cases;
    }

    private static void AddPrimitives(Action<string, object?, int> net)
    {
        void Net(string name, object? value) => net(name, value, 10);
        foreach (var (name, value) in new (string, object)[]
        {
            ("int:min", int.MinValue), ("int:max", int.MaxValue), ("int:zero", 0), ("int:minus-one", -1),
            ("long:min", long.MinValue), ("long:max", long.MaxValue), ("long:zero", 0L),
            ("short:min", short.MinValue), ("short:max", short.MaxValue), ("short:zero", (short)0),
            ("byte:min", byte.MinValue), ("byte:max", byte.MaxValue),
            ("sbyte:min", sbyte.MinValue), ("sbyte:max", sbyte.MaxValue), ("sbyte:zero", (sbyte)0),
            ("ushort:min", ushort.MinValue), ("ushort:max", ushort.MaxValue),
            ("uint:min", uint.MinValue), ("uint:max", uint.MaxValue),
            ("ulong:min", ulong.MinValue), ("ulong:max", ulong.MaxValue),
            ("char:a", 'a'), ("char:nul", '\0'), ("char:high-surrogate", '\uD800'), ("char:low-surrogate", '\uDFFF'),
            ("char:ffff", '\uFFFF'), ("char:underscore", '_'), ("char:lt", '<'),
            ("bool:true", true), ("bool:false", false),
            ("datetime:utc", new DateTime(2021, 2, 3, 4, 5, 6, DateTimeKind.Utc).AddTicks(1234567)),
            ("datetime:local", new DateTime(2021, 2, 3, 4, 5, 6, DateTimeKind.Local).AddTicks(1234567)),
            ("datetime:unspecified", new DateTime(2021, 2, 3, 4, 5, 6, DateTimeKind.Unspecified).AddTicks(1234567)),
            ("datetime:utc-no-fraction", new DateTime(2021, 2, 3, 4, 5, 6, DateTimeKind.Utc)),
            ("datetime:one-tick", new DateTime(2021, 2, 3, 4, 5, 6, DateTimeKind.Utc).AddTicks(1)),
            ("datetime:min", DateTime.MinValue), ("datetime:max", DateTime.MaxValue),
            ("datetime:max-utc", DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc)),
            ("timespan:zero", TimeSpan.Zero), ("timespan:tick", TimeSpan.FromTicks(1)), ("timespan:minus-tick", TimeSpan.FromTicks(-1)),
            ("timespan:negative", -new TimeSpan(3, 4, 5, 6, 789).Add(TimeSpan.FromTicks(1234))),
            ("timespan:max", TimeSpan.MaxValue), ("timespan:min", TimeSpan.MinValue),
            ("double:nan", double.NaN), ("double:+inf", double.PositiveInfinity), ("double:-inf", double.NegativeInfinity),
            ("double:-0", -0.0), ("double:0", 0.0), ("double:epsilon", double.Epsilon), ("double:max", double.MaxValue),
            ("double:min", double.MinValue), ("double:0.1", 0.1), ("double:third", 1.0 / 3), ("double:1e-300", 1e-300),
            ("float:nan", float.NaN), ("float:+inf", float.PositiveInfinity), ("float:-inf", float.NegativeInfinity),
            ("float:-0", -0.0f), ("float:epsilon", float.Epsilon), ("float:max", float.MaxValue), ("float:min", float.MinValue),
            ("float:0.1", 0.1f), ("float:third", 1.0f / 3),
            ("decimal:min", decimal.MinValue), ("decimal:max", decimal.MaxValue), ("decimal:zero", 0m),
            ("decimal:scale", 1.10m), ("decimal:small", -0.0000001m), ("decimal:28-digits", 0.1234567890123456789012345678m),
            ("guid:empty", Guid.Empty), ("guid:value", new Guid("0f8fad5b-d9cb-469f-a165-70867728950e")),
            ("uri:absolute", new Uri("http://example.com/a_x0041_/b?q=1&r=_X#frag")),
            ("uri:relative", new Uri("rel/_x0041_/x y", UriKind.Relative)),
            ("uri:escaped", new Uri("http://X/%41%20b")),
            ("uri:unicode-host", new Uri("https://bücher.example/ä")),
            ("uri:mailto", new Uri("mailto:someone@example.com")),
            ("version:2", new Version(1, 2)), ("version:3", new Version(1, 2, 3)), ("version:4", new Version(1, 2, 3, 4)),
            ("version:max", new Version(int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue)),
            ("bytes:empty", Array.Empty<byte>()), ("bytes:small", new byte[] { 0, 1, 2, 253, 254, 255 }),
            ("bytes:1mb", RandomBytes(1 << 20)),
            ("xmldocument", XmlDocumentOf("<root a=\"1\" b='&lt;'><child>text &amp; more<![CDATA[ <raw> ]]></child><!-- c --></root>")),
        })
        {
            Net(name, value);
        }
    }

    private static void AddStrings(Action<string, object?, int> net)
    {
        void Net(string name, object? value) => net(name, value, 10);
        Net("string:empty", "");
        Net("string:space", " ");
        Net("string:whitespace-only", " \t\r\n  ");
        Net("string:leading-trailing-spaces", "  padded  ");
        Net("string:crlf", "line1\r\nline2\rline3\n");
        Net("string:c0-controls", new string(Enumerable.Range(0, 0x20).Select(i => (char)i).ToArray()));
        Net("string:c1-controls", new string(Enumerable.Range(0x7F, 0x21).Select(i => (char)i).ToArray()));
        Net("string:lone-high-surrogate", "a\uD800b");
        Net("string:lone-low-surrogate", "a\uDC00b");
        Net("string:reversed-pair", "\uDC00\uD800");
        Net("string:trailing-high-surrogate", "end\uD83D");
        Net("string:emoji", "smile 😀 and 𝄞 clef");
        Net("string:noncharacter-fdd0", "\uFDD0\uFDEF");
        Net("string:bmp-mix", "héllo wörld ∑ 中文 \u00A0nbsp \u2028ls");
        Net("string:escape-literal", "_x0041_");
        Net("string:escape-literal-8", "_x0001F600_");
        Net("string:underscore-X", "_X");
        Net("string:underscore-x-end", "abc_x");
        Net("string:underscores", "_ __ _a x_ _x_ __x0041__");
        Net("string:xml-specials", "<>&\"'");
        Net("string:cdata-end", "]]>");
        Net("string:amp-literal", "&amp; &lt; &#65; &#x41;");
        Net("string:xml-looking", "<Obj RefId=\"0\"><Ref RefId=\"0\" /></Obj><!DOCTYPE x [<!ENTITY a \"b\">]>&a;");
        Net("string:1mb", LongString(1 << 20));
    }

    private static void AddCollections(Action<string, object?, int> net)
    {
        void Net(string name, object? value) => net(name, value, 10);
        Net("array:mixed", new object?[] { 1, "two", 3.5, null, true, 'c', new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
        Net("array:empty", Array.Empty<object>());
        Net("array:int", new[] { 1, 2, 3 });
        Net("array:string", new[] { "a", "", "_x0041_" });
        Net("array:jagged", new object[] { new object[] { 1, new object[] { 2, new object[] { 3 } } }, new int[] { 4 }, Array.Empty<string>() });
        Net("list:int", new List<int> { 1, 2, 3 });
        Net("list:object-with-null", new List<object?> { null, "x", new List<int> { 1 } });
        Net("arraylist", new ArrayList { 1, "a", new ArrayList() });
        var stack = new Stack();
        stack.Push(1);
        stack.Push("two");
        Net("stack", stack);
        var queue = new Queue();
        queue.Enqueue(1);
        queue.Enqueue("two");
        Net("queue", queue);
        Net("stack:generic", new Stack<int>([1, 2, 3]));
        Net("queue:generic", new Queue<string>(["a", "b"]));
        Net("hashset", new HashSet<int> { 5 });
        Net("hashtable", new Hashtable { ["a"] = 1, ["b"] = "two" });
        Net("hashtable:empty", new Hashtable());
        Net("hashtable:odd-keys", new Hashtable { [1] = null, [2.5] = "x", ["<&>\"'_x0041_\t"] = 'c', [Guid.Empty] = new object[] { 1 } });
        Net("hashtable:nested", new Hashtable { ["inner"] = new Hashtable { ["deeper"] = new Hashtable { ["x"] = 1 } }, ["list"] = new object[] { new Hashtable() } });
        Net("ordered-dictionary", new OrderedDictionary { ["z"] = 1, ["a"] = 2, ["m"] = new object[] { 3 } });
        Net("dictionary:generic", new Dictionary<string, int> { ["one"] = 1, ["two"] = 2 });
        Net("dictionary:int-keys", new Dictionary<int, object[]> { [1] = ["a"], [2] = [] });
    }

    private static void AddEnums(Action<string, object?, int> net)
    {
        void Net(string name, object? value) => net(name, value, 10);
        Net("enum:int", ConsoleColor.Red);
        Net("enum:zero", DayOfWeek.Sunday);
        Net("enum:undefined-value", (ConsoleColor)99);
        Net("enum:flags", FileAttributes.Hidden | FileAttributes.ReadOnly);
        Net("enum:flags-custom", Access.Read | Access.Execute);
        Net("enum:flags-none", Access.None);
        Net("enum:byte", ByteEnum.Max);
        Net("enum:sbyte", SByteEnum.Min);
        Net("enum:short", ShortEnum.Min);
        Net("enum:ushort", UShortEnum.Max);
        Net("enum:uint", UIntEnum.Max);
        Net("enum:long-min", LongEnum.Min);
        Net("enum:long-max", LongEnum.Max);
        Net("enum:ulong-flags", ULongFlags.Top | ULongFlags.Low);
        Net("enum:in-array", new object[] { ConsoleColor.Blue, ByteEnum.None, Access.Write });
    }

    private static void AddReferences(Action<string, object?, int> net, Action<string, object, int> obj)
    {
        var shared = new Hashtable { ["k"] = "v" };
        net("ref:shared-hashtable", new object[] { shared, shared, new object[] { shared } }, 10);
        var cyclic = new Hashtable { ["k"] = 1 };
        cyclic["self"] = cyclic;
        net("ref:cyclic-hashtable", cyclic, 10);
        var selfArray = new object[2];
        selfArray[0] = "x";
        selfArray[1] = selfArray;
        net("ref:self-containing-array", selfArray, 10);
        var sharedArray = new object[] { 1 };
        net("ref:shared-array", new List<object> { sharedArray, sharedArray }, 10);

        var pso = new PSObject();
        pso.Properties.Add(new PSNoteProperty("a", 1));
        pso.Properties.Add(new PSNoteProperty("self", pso));
        obj("ref:self-referencing-psobject", pso, 10);
        var child = new PSObject();
        child.Properties.Add(new PSNoteProperty("v", 1));
        var parent = new PSObject();
        parent.Properties.Add(new PSNoteProperty("first", child));
        parent.Properties.Add(new PSNoteProperty("second", child));
        parent.Properties.Add(new PSNoteProperty("list", new object[] { child, child }));
        obj("ref:shared-psobject", parent, 10);
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(42).NextBytes(bytes);
        return bytes;
    }

    /// <summary>About a million characters cycling through plain text and everything that needs escaping.</summary>
    private static string LongString(int length)
    {
        const string Pattern = "plain text _x0041_ <tag attr=\"v\"> & \t\r\n 😀 \u0001\u007F\u0085 ]]> ";
        var sb = new StringBuilder(length + Pattern.Length);
        while (sb.Length < length)
        {
            sb.Append(Pattern);
        }

        return sb.ToString();
    }

    private static XmlDocument XmlDocumentOf(string xml)
    {
        var document = new XmlDocument { XmlResolver = null };
        document.LoadXml(xml);
        return document;
    }
}
