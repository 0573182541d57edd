using Psrp.Host;
using Psrp.Messages;
using Psrp.Serialization;

namespace Psrp.Tests.Messages.Payloads;

/// <summary>Every message body encodes and decodes back to itself.</summary>
public class PayloadRoundTripTests
{
    private static readonly Version V24 = new(2, 4);

    private static T RoundTrip<T>(T payload)
        where T : PsrpPayload
    {
        byte[] data = PsrpPayloadCodec.Encode(payload, V24);
        return Assert.IsType<T>(PsrpPayloadCodec.Decode(payload.MessageType, data));
    }

    public static TheoryData<PsrpPayload> SimpleBodies => new()
    {
        SessionCapability.ForClient(V24) with { TimeZone = [1, 2, 3] },
        new PublicKey("BgIAAACkAABSU0ExAAgAAAEAAQ"),
        new EncryptedSessionKey("AQIAABBmAAAApAAA"),
        new PublicKeyRequest(),
        new ConnectRunspacePool(),
        new ConnectRunspacePool { MinRunspaces = 2, MaxRunspaces = 5 },
        new SetMaxRunspaces(7, 11),
        new SetMinRunspaces(2, 12),
        new RunspaceAvailability(true, 13),
        new RunspaceAvailability(4L, 14),
        new RunspacePoolStateMessage(RunspacePoolState.Closed),
        new GetAvailableRunspaces(15),
        new RunspacePoolInitData(1, 8),
        new ResetRunspaceState(16),
        new PipelineStateMessage(PSInvocationState.Completed),
        new PipelineOutput("text"),
        new PipelineInput(42),
    };

    [Theory]
    [MemberData(nameof(SimpleBodies))]
    public void SimpleBodies_RoundTrip(PsrpPayload payload)
    {
        byte[] data = PsrpPayloadCodec.Encode(payload, V24);
        var decoded = PsrpPayloadCodec.Decode(payload.MessageType, data);
        Assert.Equal(payload.GetType(), decoded.GetType());
        Assert.Equal(PsrpPayloadCodec.Encode(payload, V24), PsrpPayloadCodec.Encode(decoded, V24));
        if (payload is not SessionCapability)
        {
            Assert.Equal(payload, decoded);
        }
    }

    [Fact]
    public void InitRunspacePool_WithHostDataAndArguments_RoundTrips()
    {
        var args = new PsDictionary { ["Name"] = "value", ["Number"] = 3 };
        var init = new InitRunspacePool
        {
            MinRunspaces = 1,
            MaxRunspaces = 4,
            ThreadOptions = PSThreadOptions.ReuseThread,
            ApartmentState = ApartmentState.MTA,
            HostInfo = new HostInfo
            {
                IsHostNull = false,
                IsHostUINull = false,
                IsHostRawUINull = false,
                UseRunspaceHost = false,
                DefaultData = new HostDefaultData
                {
                    ForegroundColor = ConsoleColor.Gray,
                    BackgroundColor = ConsoleColor.Black,
                    CursorPosition = new Coordinates(1, 2),
                    WindowPosition = new Coordinates(0, 0),
                    CursorSize = 25,
                    BufferSize = new Size(120, 3000),
                    WindowSize = new Size(120, 50),
                    MaxWindowSize = new Size(200, 80),
                    MaxPhysicalWindowSize = new Size(300, 90),
                    WindowTitle = "title",
                },
            },
            ApplicationArguments = args,
        };

        var decoded = RoundTrip(init);
        Assert.Equal(init.HostInfo, decoded.HostInfo);
        Assert.Equal(init with { ApplicationArguments = null }, decoded with { ApplicationArguments = null });
        Assert.Equal("value", decoded.ApplicationArguments!["name"]);
        Assert.Equal(3, decoded.ApplicationArguments["Number"]);
    }

    [Fact]
    public void StateMessages_CarryTheErrorRecord()
    {
        var error = PsErrorRecord.FromException(new InvalidOperationException("it broke"), "Broke", ErrorCategory.InvalidOperation, "target");
        var pool = RoundTrip(new RunspacePoolStateMessage(RunspacePoolState.Broken, error));
        Assert.Equal(RunspacePoolState.Broken, pool.State);
        Assert.Equal("it broke", pool.Error!.Message);
        Assert.Equal("System.InvalidOperationException", pool.Error.ExceptionTypeName);
        Assert.Equal("Broke", pool.Error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, pool.Error.Category);
        Assert.Equal("target", pool.Error.TargetObject);

        var pipeline = RoundTrip(new PipelineStateMessage(PSInvocationState.Failed, error));
        Assert.True(pipeline.IsTerminal);
        Assert.Equal("it broke", pipeline.Error!.Message);
    }

    [Fact]
    public void ErrorRecord_AsReceived_ReencodesLosslessly()
    {
        var error = PsErrorRecord.FromException(new ArgumentException("bad"), "Bad", ErrorCategory.InvalidArgument);
        byte[] data = PsrpPayloadCodec.Encode(new ErrorRecordMessage(error), V24);
        var decoded = Assert.IsType<ErrorRecordMessage>(PsrpPayloadCodec.Decode(MessageType.ErrorRecord, data));
        Assert.Same(decoded.Record.Source, decoded.Record.ToPsObject());
        Assert.Equal(data, PsrpPayloadCodec.Encode(decoded, V24));
    }

    [Theory]
    [InlineData(MessageType.DebugRecord, "System.Management.Automation.DebugRecord")]
    [InlineData(MessageType.VerboseRecord, "System.Management.Automation.VerboseRecord")]
    [InlineData(MessageType.WarningRecord, "System.Management.Automation.WarningRecord")]
    public void InformationalRecords_RoundTrip(MessageType type, string typeName)
    {
        var message = new InformationalRecordMessage(type, new PsInformationalRecord { Message = "careful" });
        var decoded = RoundTrip(message);
        Assert.Equal(type, decoded.MessageType);
        Assert.Equal("careful", decoded.Record.Message);
        Assert.Equal(typeName, decoded.Record.Source!.TypeNames.MostDerived);
    }

    [Fact]
    public void InformationalRecord_RejectsOtherMessageTypes() =>
        Assert.Throws<InvalidOperationException>(() =>
            new InformationalRecordMessage(MessageType.ErrorRecord, new PsInformationalRecord { Message = "x" }).MessageType);

    [Fact]
    public void ProgressRecord_RoundTrips()
    {
        var record = new PsProgressRecord
        {
            Activity = "Copying",
            ActivityId = 3,
            StatusDescription = "50%",
            CurrentOperation = "file.txt",
            ParentActivityId = 1,
            PercentComplete = 50,
            RecordType = "Completed",
            SecondsRemaining = 9,
        };
        Assert.Equal(record, RoundTrip(new ProgressRecordMessage(record)).Record);
        Assert.Null(RoundTrip(new ProgressRecordMessage(record with { CurrentOperation = null })).Record.CurrentOperation);
    }

    [Fact]
    public void InformationRecord_RoundTrips()
    {
        var time = new DateTime(2026, 11, 24, 1, 2, 3, DateTimeKind.Utc);
        var message = PsObject.CreateCustomObject(("Message", "hello"), ("NoNewLine", false));
        var record = new PsInformationRecord
        {
            MessageData = message,
            Source = "Write-Host",
            TimeGenerated = time,
            Tags = ["PSHOST"],
            User = "root",
            Computer = "box",
            ProcessId = 10,
            NativeThreadId = 11,
            ManagedThreadId = 12,
        };
        var decoded = RoundTrip(new InformationRecordMessage(record)).Record;
        Assert.Equal("hello", decoded.Text);
        Assert.Equal(time, decoded.TimeGenerated);
        Assert.Equal(["PSHOST"], decoded.Tags);
        Assert.Equal((10u, 11u, 12u), (decoded.ProcessId, decoded.NativeThreadId, decoded.ManagedThreadId));
        Assert.Equal(("Write-Host", "root", "box"), (decoded.Source, decoded.User, decoded.Computer));
    }

    [Fact]
    public void HostCallAndResponse_RoundTrip()
    {
        var call = new RemoteHostCall(5, RemoteHostMethodId.PromptForChoice, ["caption", "message", null, 0]) { IsPipelineCall = false };
        var decodedCall = RoundTrip(call);
        Assert.Equal(MessageType.RunspacePoolHostCall, decodedCall.MessageType);
        Assert.Equal(call.Parameters, decodedCall.Parameters);
        Assert.Equal(RemoteHostMethodId.PromptForChoice, decodedCall.MethodId);

        var response = new RemoteHostResponse(5, RemoteHostMethodId.PromptForChoice) { ReturnValue = 1, IsPipelineResponse = true };
        var decodedResponse = RoundTrip(response);
        Assert.Equal(MessageType.PipelineHostResponse, decodedResponse.MessageType);
        Assert.Equal(1, decodedResponse.ReturnValue);

        var failed = new RemoteHostResponse(6, RemoteHostMethodId.ReadLine)
        {
            Error = PsErrorRecord.FromException(new NotSupportedException("no console"), "HostNotInteractive", ErrorCategory.NotImplemented),
        };
        var decodedFailure = RoundTrip(failed);
        Assert.Null(decodedFailure.ReturnValue);
        Assert.Equal("no console", decodedFailure.Error!.Message);
    }

    [Fact]
    public void UserEvent_RoundTrips()
    {
        var evt = new UserEvent
        {
            EventIdentifier = 4,
            SourceIdentifier = "source",
            TimeGenerated = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            Sender = "sender",
            SourceArgs = null,
            MessageData = 99,
            ComputerName = "box",
            RunspaceId = Guid.NewGuid(),
        };
        Assert.Equal(evt, RoundTrip(evt));
    }

    [Fact]
    public void GetCommandMetadata_RoundTrips()
    {
        var request = new GetCommandMetadata
        {
            Names = ["Get-*", "Set-Item"],
            CommandType = CommandTypes.Cmdlet | CommandTypes.Function,
            Namespace = ["Microsoft.PowerShell.Management"],
            ArgumentList = ["a", 1],
        };
        var decoded = RoundTrip(request);
        Assert.Equal(request.Names, decoded.Names);
        Assert.Equal(request.CommandType, decoded.CommandType);
        Assert.Equal(request.Namespace, decoded.Namespace);
        Assert.Equal(request.ArgumentList, decoded.ArgumentList);
    }

    [Fact]
    public void ApplicationPrivateData_RoundTrips()
    {
        var table = new PsDictionary { ["PSVersion"] = new Version(7, 6, 9), ["PSEdition"] = "Core" };
        var data = new PsDictionary { ["PSVersionTable"] = table, ["DebugMode"] = 1 };
        var decoded = RoundTrip(new ApplicationPrivateData(data));
        Assert.Equal(new Version(7, 6, 9), decoded.PSVersionTable!["PSVersion"]);
        Assert.Equal(1, decoded.Data["DebugMode"]);
    }
}
