using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;
using Psrp.Serialization;
using Psrp.Tests.Serialization.Support;

namespace Psrp.Tests.Serialization;

/// <summary>
/// PSRP message bodies byte for byte: the golden captures (psrp-facts §13) written from the model
/// API, every capture read and written back unchanged, and the same shapes held against what
/// PowerShell's own serializer writes for the same objects.
/// </summary>
public class MessageBodyBytesTests
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    public static TheoryData<string> GoldenBodies => new(
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "clixml"), "*.xml").Select(Path.GetFileName)!);

    private static byte[] Golden(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "clixml", file));

    private static byte[] WithoutBom(byte[] bytes) => bytes.AsSpan().StartsWith(Bom) ? bytes[3..] : bytes;

    private static void AssertBytes(byte[] expected, byte[] actual) =>
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));

    [Theory]
    [MemberData(nameof(GoldenBodies))]
    public void Every_golden_body_reads_and_writes_back_byte_for_byte(string file)
    {
        var bytes = Golden(file);

        var value = ClixmlReader.Deserialize(bytes);

        // Windows PowerShell 5.1 wrote the empty string of CONNECT_RUNSPACEPOOL as <S />; PowerShell 7's
        // serializer writes <S></S>, and so do we (see An_empty_string_body_reads_as_empty).
        var expected = file == "gv6-connect-runspacepool.xml" ? "<S></S>"u8.ToArray() : WithoutBom(bytes);
        AssertBytes(expected, ClixmlWriter.SerializeToBytes(value));
    }

    [Fact]
    public void Session_capability_from_the_model()
    {
        var body = new PsObject();
        body.ExtendedProperties.Add("protocolversion", new Version(2, 3));
        body.ExtendedProperties.Add("PSVersion", new Version(2, 0));
        body.ExtendedProperties.Add("SerializationVersion", new Version(1, 1, 0, 1));

        AssertBytes(Golden("gv1-session-capability.xml"), ClixmlWriter.SerializeToBytes(body));
    }

    [Fact]
    public void Init_runspace_pool_from_the_model()
    {
        var body = new PsObject();
        body.ExtendedProperties.Add("MinRunspaces", 1);
        body.ExtendedProperties.Add("MaxRunspaces", 1);
        // pypsrp's spelling of the enum types (PowerShell's own differs; the server accepts both).
        body.ExtendedProperties.Add("PSThreadOptions", PsObject.CreateEnum("System.Management.Automation.Runspaces.PSThreadOptions", "Default", 0));
        body.ExtendedProperties.Add("ApartmentState", PsObject.CreateEnum("System.Management.Automation.Runspaces.ApartmentState", "UNKNOWN", 2));
        body.ExtendedProperties.Add("HostInfo", NullHostInfo());
        body.ExtendedProperties.Add("ApplicationArguments", null);

        AssertBytes(Golden("gv1-init-runspacepool.xml"), ClixmlWriter.SerializeToBytes(body));
    }

    [Fact]
    public void Create_pipeline_from_the_model()
    {
        const string CommandListType = "System.Collections.Generic.List`1[[System.Management.Automation.PSObject, System.Management.Automation, Version=1.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]";
        const string ResultTypes = "System.Management.Automation.Runspaces.PipelineResultTypes";
        var listTypes = new PsTypeNames(CommandListType, "System.Object");
        PsObject Merge(string name, int value) => PsObject.CreateEnum(ResultTypes, name, value);

        var command = new PsObject();
        command.ExtendedProperties.Add("Cmd", "begin {\n    $DebugPreference = 'Continue'\n    Write-Debug \"Start Block\"\n    Write-Error \"error\"\n}\nprocess {\n    $input\n}\nend {\n    Write-Debug \"End Block\"\n}");
        command.ExtendedProperties.Add("IsScript", true);
        command.ExtendedProperties.Add("UseLocalScope", null);
        command.ExtendedProperties.Add("MergeMyResult", Merge("Error", 2));
        command.ExtendedProperties.Add("MergeToResult", Merge("Output", 1));
        command.ExtendedProperties.Add("MergePreviousResults", Merge("None", 0));
        command.ExtendedProperties.Add("Args", new PsObject(listTypes) { BaseValue = new PsList() });
        command.ExtendedProperties.Add("MergeError", Merge("Output", 1));
        command.ExtendedProperties.Add("MergeWarning", Merge("None", 0));
        command.ExtendedProperties.Add("MergeVerbose", Merge("None", 0));
        command.ExtendedProperties.Add("MergeDebug", Merge("None", 0));
        command.ExtendedProperties.Add("MergeInformation", Merge("None", 0));

        var powerShell = new PsObject();
        powerShell.ExtendedProperties.Add("IsNested", false);
        powerShell.ExtendedProperties.Add("ExtraCmds", null);
        powerShell.ExtendedProperties.Add("Cmds", new PsObject(listTypes) { BaseValue = new PsList([command]) });
        powerShell.ExtendedProperties.Add("History", null);
        powerShell.ExtendedProperties.Add("RedirectShellErrorOutputPipe", false);

        var body = new PsObject();
        body.ExtendedProperties.Add("NoInput", false);
        body.ExtendedProperties.Add("ApartmentState", PsObject.CreateEnum("System.Management.Automation.Runspaces.ApartmentState", "UNKNOWN", 2));
        body.ExtendedProperties.Add("RemoteStreamOptions", PsObject.CreateEnum("System.Management.Automation.Runspaces.RemoteStreamOptions", "AddInvocationInfo", 15));
        body.ExtendedProperties.Add("AddToHistory", false);
        body.ExtendedProperties.Add("HostInfo", NullHostInfo());
        body.ExtendedProperties.Add("PowerShell", powerShell);
        body.ExtendedProperties.Add("IsNested", false);

        AssertBytes(Golden("gv5-create-pipeline.xml"), ClixmlWriter.SerializeToBytes(body));
    }

    [Fact]
    public void Pipeline_input_values_are_bare_elements()
    {
        AssertBytes(Golden("gv4-pipeline-input-string.xml"), ClixmlWriter.SerializeToBytes("message 1"));
        AssertBytes(Golden("gv4-pipeline-input-int.xml"), ClixmlWriter.SerializeToBytes(2));
        AssertBytes(Golden("gv4-pipeline-input-array.xml"), ClixmlWriter.SerializeToBytes(new object[] { "3", 3 }));
    }

    [Fact]
    public void A_body_with_a_byte_order_mark_reads_from_bytes_and_from_text()
    {
        var bytes = Golden("gv3-runspacepool-state.bom.xml");

        var fromBytes = (PsObject)ClixmlReader.Deserialize(bytes)!;
        var fromText = (PsObject)ClixmlReader.Deserialize(Encoding.UTF8.GetString(bytes))!;

        Assert.Equal(2, fromBytes["RunspaceState"]);
        Assert.Equal(2, fromText["RunspaceState"]);
    }

    [Fact]
    public void An_empty_string_body_reads_as_empty()
    {
        Assert.Equal(string.Empty, ClixmlReader.Deserialize(Golden("gv6-connect-runspacepool.xml")));
        Assert.Equal("<S></S>", ClixmlWriter.SerializeToString(string.Empty));
        Assert.Equal(ClixmlCanonicalForm.Of(PsOracle.Serialize(string.Empty, 1)), ClixmlCanonicalForm.Of(PsOracle.OurDocument(string.Empty)));
    }

    [Fact]
    public void Session_capability_matches_PowerShells_serializer()
    {
        var theirs = new PSObject();
        theirs.TypeNames.Clear();
        theirs.Properties.Add(new PSNoteProperty("protocolversion", new Version(2, 3)));
        theirs.Properties.Add(new PSNoteProperty("PSVersion", new Version(2, 0)));
        theirs.Properties.Add(new PSNoteProperty("SerializationVersion", new Version(1, 1, 0, 1)));

        var ours = ClixmlReader.Deserialize(Golden("gv1-session-capability.xml"));

        Assert.Equal(ClixmlCanonicalForm.Of(PsOracle.Serialize(theirs, 1)), ClixmlCanonicalForm.Of(PsOracle.OurDocument(ours)));
    }

    [Fact]
    public void Init_runspace_pool_with_real_enums_matches_PowerShells_serializer()
    {
        PSObject TheirHostInfo()
        {
            var hostInfo = new PSObject();
            hostInfo.TypeNames.Clear();
            foreach (var flag in new[] { "_isHostNull", "_isHostUINull", "_isHostRawUINull", "_useRunspaceHost" })
            {
                hostInfo.Properties.Add(new PSNoteProperty(flag, true));
            }

            return hostInfo;
        }

        var theirs = new PSObject();
        theirs.TypeNames.Clear();
        theirs.Properties.Add(new PSNoteProperty("MinRunspaces", 1));
        theirs.Properties.Add(new PSNoteProperty("MaxRunspaces", 1));
        theirs.Properties.Add(new PSNoteProperty("PSThreadOptions", PSThreadOptions.Default));
        theirs.Properties.Add(new PSNoteProperty("ApartmentState", ApartmentState.Unknown));
        theirs.Properties.Add(new PSNoteProperty("HostInfo", TheirHostInfo()));
        theirs.Properties.Add(new PSNoteProperty("ApplicationArguments", null));

        var ours = new PsObject();
        ours.ExtendedProperties.Add("MinRunspaces", 1);
        ours.ExtendedProperties.Add("MaxRunspaces", 1);
        ours.ExtendedProperties.Add("PSThreadOptions", PSThreadOptions.Default);
        ours.ExtendedProperties.Add("ApartmentState", ApartmentState.Unknown);
        ours.ExtendedProperties.Add("HostInfo", NullHostInfo());
        ours.ExtendedProperties.Add("ApplicationArguments", null);

        var ourBytes = ClixmlWriter.SerializeToString(ours);
        Assert.Equal(ClixmlCanonicalForm.Of(PsOracle.Serialize(theirs, 2)), ClixmlCanonicalForm.Of(PsOracle.Wrap(ourBytes)));
        Assert.Contains("<Nil N=\"ApplicationArguments\" />", ourBytes, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_list_and_dictionary_are_self_closing_as_PowerShell_writes_them()
    {
        var theirs = PowerShellSession.InvokeOne("$o = [pscustomobject]@{ l = [System.Collections.Generic.List[object]]::new(); d = @{} }; $o.psobject.TypeNames.Clear(); $o");
        var ours = new PsObject();
        ours.ExtendedProperties.Add("l", new List<object>());
        ours.ExtendedProperties.Add("d", new System.Collections.Hashtable());

        var ourXml = ClixmlWriter.SerializeToString(ours);

        Assert.Contains("<LST />", ourXml, StringComparison.Ordinal);
        Assert.Contains("<DCT />", ourXml, StringComparison.Ordinal);
        Assert.Equal(ClixmlCanonicalForm.Of(PsOracle.Serialize(theirs, 2)), ClixmlCanonicalForm.Of(PsOracle.Wrap(ourXml)));
    }

    private static PsObject NullHostInfo()
    {
        var hostInfo = new PsObject();
        hostInfo.ExtendedProperties.Add("_isHostNull", true);
        hostInfo.ExtendedProperties.Add("_isHostUINull", true);
        hostInfo.ExtendedProperties.Add("_isHostRawUINull", true);
        hostInfo.ExtendedProperties.Add("_useRunspaceHost", true);
        return hostInfo;
    }
}
