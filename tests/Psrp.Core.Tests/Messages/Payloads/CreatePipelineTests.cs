using System.Text;
using Psrp.Messages;
using Psrp.Serialization;

namespace Psrp.Tests.Messages.Payloads;

/// <summary>CREATE_PIPELINE for protocol 2.1 to 2.4: which fields each version gets, and what each refuses.</summary>
public class CreatePipelineTests
{
    private static CreatePipeline Sample(params IReadOnlyList<PipelineCommand>[] statements) => new() { Statements = statements };

    private static PipelineCommand GetItem() => new("Get-Item")
    {
        Parameters = [new CommandParameter("Path", "/tmp"), new CommandParameter(null, 5), new CommandParameter("Force", true)],
        MergeError = PipelineResultTypes.Output,
    };

    private static PsObject Command(PsObject body, int statement = 0, int index = 0)
    {
        var powerShell = (PsObject)body["PowerShell"]!;
        var holder = statement == 0 ? powerShell : (PsObject)((PsObject)powerShell["ExtraCmds"]!).List![statement - 1]!;
        return (PsObject)((PsObject)holder["Cmds"]!).List![index]!;
    }

    private static PsObject Encode(CreatePipeline pipeline, string version) =>
        (PsObject)ClixmlReader.Deserialize(PsrpPayloadCodec.Encode(pipeline, Version.Parse(version)))!;

    [Theory]
    [InlineData("2.1", false, false)]
    [InlineData("2.2", true, false)]
    [InlineData("2.3", true, true)]
    [InlineData("2.4", true, true)]
    public void MergeFields_FollowTheProtocolVersion(string version, bool hasStreamMerges, bool hasInformation)
    {
        var command = Command(Encode(Sample([GetItem()]), version));
        Assert.Equal(hasStreamMerges, command.FindProperty("MergeError") is not null);
        Assert.Equal(hasStreamMerges, command.FindProperty("MergeDebug") is not null);
        Assert.Equal(hasInformation, command.FindProperty("MergeInformation") is not null);

        // The V2 pair always expresses 2>&1, so an old server still merges errors.
        Assert.Equal((int)PipelineResultTypes.Error, command.Get<int>("MergeMyResult"));
        Assert.Equal((int)PipelineResultTypes.Output, command.Get<int>("MergeToResult"));
    }

    [Theory]
    [InlineData("2.1")]
    [InlineData("2.2")]
    [InlineData("2.3")]
    [InlineData("2.4")]
    public void Parameters_AreNamedOrPositional(string version)
    {
        var args = ((PsObject)Command(Encode(Sample([GetItem()]), version))["Args"]!).List!;
        Assert.Equal(3, args.Count);
        Assert.Equal("Path", ((PsObject)args[0]!)["N"]);
        Assert.Equal("/tmp", ((PsObject)args[0]!)["V"]);
        Assert.Null(((PsObject)args[1]!)["N"]);
        Assert.NotNull(((PsObject)args[1]!).FindProperty("N"));
        Assert.Equal(5, ((PsObject)args[1]!)["V"]);
    }

    [Fact]
    public void SeveralStatements_GoToExtraCmds()
    {
        var pipeline = Sample([new PipelineCommand("$a = 1", isScript: true)], [new PipelineCommand("Get-Date"), new PipelineCommand("Out-String")]);
        var body = Encode(pipeline, "2.2");
        Assert.Equal("$a = 1", Command(body)["Cmd"]);

        // As PowerShell batches: ExtraCmds repeats the first statement, then the rest follow.
        Assert.Equal("$a = 1", Command(body, 1, 0)["Cmd"]);
        Assert.Equal("Get-Date", Command(body, 2, 0)["Cmd"]);
        Assert.Equal("Out-String", Command(body, 2, 1)["Cmd"]);

        var decoded = (CreatePipeline)PsrpPayloadCodec.Decode(MessageType.CreatePipeline, PsrpPayloadCodec.Encode(pipeline, new Version(2, 3)));
        Assert.Equal(2, decoded.Statements.Count);
        Assert.Equal(2, decoded.Statements[1].Count);
    }

    [Fact]
    public void OneStatement_HasNoExtraCmds() =>
        Assert.Null(((PsObject)Encode(Sample([GetItem()]), "2.3")["PowerShell"]!).FindProperty("ExtraCmds"));

    [Fact]
    public void SeveralStatements_AreRefusedBeforeProtocol22() =>
        Assert.Throws<NotSupportedException>(() =>
            PsrpPayloadCodec.Encode(Sample([new PipelineCommand("a")], [new PipelineCommand("b")]), new Version(2, 1)));

    [Theory]
    [InlineData("2.1", "MergeWarning")]
    [InlineData("2.2", "MergeInformation")]
    public void StreamMerges_TheServerCannotExpress_AreRefused(string version, string field)
    {
        var command = field == "MergeWarning"
            ? new PipelineCommand("x") { MergeWarning = PipelineResultTypes.Output }
            : new PipelineCommand("x") { MergeInformation = PipelineResultTypes.Output };
        var ex = Assert.Throws<NotSupportedException>(() => PsrpPayloadCodec.Encode(Sample([command]), Version.Parse(version)));
        Assert.Contains(version, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyPipeline_IsRefused() =>
        Assert.Throws<InvalidOperationException>(() => PsrpPayloadCodec.Encode(Sample(), new Version(2, 3)));

    [Fact]
    public void TopLevelLayout_FollowsPowerShell()
    {
        string xml = Encoding.UTF8.GetString(PsrpPayloadCodec.Encode(Sample([new PipelineCommand("Get-Date")]), new Version(2, 3)));
        Assert.StartsWith("<Obj RefId=\"0\"><MS><Obj N=\"PowerShell\" RefId=\"1\"><MS><Obj N=\"Cmds\" RefId=\"2\"><TN RefId=\"0\"><T>System.Collections.Generic.List`1[[System.Management.Automation.PSObject,", xml, StringComparison.Ordinal);
        Assert.Contains("<B N=\"NoInput\">true</B><Obj N=\"ApartmentState\" RefId=", xml, StringComparison.Ordinal);
        Assert.Contains("<T>System.Threading.ApartmentState</T>", xml, StringComparison.Ordinal);
        Assert.Contains("<ToString>AddInvocationInfo</ToString><I32>15</I32>", xml, StringComparison.Ordinal);
        Assert.EndsWith("<B N=\"_useRunspaceHost\">true</B></MS></Obj><B N=\"IsNested\">false</B></MS></Obj>", xml, StringComparison.Ordinal);
    }
}
