using Psrp.Host;
using Psrp.Messages;
using Psrp.Serialization;

namespace Psrp.Fuzz.Targets;

/// <summary>
/// A host call (core/Psrp.Core/Host): the CLIXML data of a PIPELINE_HOST_CALL (or, when the first
/// byte is odd, RUNSPACEPOOL_HOST_CALL) decoded to a <see cref="RemoteHostCall"/>, then run by
/// <see cref="HostCallDispatcher"/> against a host that answers everything. The dispatcher turns any
/// failure into an error response, so the harness reads the response: a failure other than the
/// documented ones for bad arguments (protocol error, wrong value type, unsupported method) is a
/// crash in the argument conversion.
/// </summary>
public sealed class HostCallTarget : IFuzzTarget
{
    private static readonly HashSet<string?> ExpectedFailures =
    [
        typeof(PsrpProtocolException).FullName,
        typeof(PsrpHostException).FullName,
        typeof(InvalidCastException).FullName,
        typeof(NotSupportedException).FullName,
    ];

    private static readonly ClixmlLimits Limits = new() { MaxDepth = 32, MaxDocumentCharacters = 1 << 20 };
    private static readonly AnsweringHost Host = new();

    /// <inheritdoc />
    public string Name => "hostcall";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var type = (input[0] & 1) == 0 ? MessageType.PipelineHostCall : MessageType.RunspacePoolHostCall;
        RemoteHostCall call;
        try
        {
            call = (RemoteHostCall)PsrpPayloadCodec.Decode(type, input[1..].ToArray(), Limits);
        }
        catch (PsrpProtocolException)
        {
            return;
        }

        var pending = HostCallDispatcher.InvokeAsync(Host, call, static (text, _) => ValueTask.FromResult(new PsSecureString(text)), CancellationToken.None);

        // Every answer of the host is synchronous, so the call has completed.
        if (!pending.IsCompleted)
        {
            throw new InvalidOperationException("A host call did not complete synchronously against a synchronous host.");
        }

        var response = pending.Result;
        if (response?.Error is { } error && !ExpectedFailures.Contains(error.ExceptionTypeName))
        {
            throw new HostCallCrashException($"{call.MethodId} failed with {error.ExceptionTypeName}: {error.Message}");
        }

        if (response is not null)
        {
            _ = PsrpPayloadCodec.Encode(response, new Version(2, 3));
        }
    }

    /// <inheritdoc />
    public IEnumerable<(string Name, byte[] Bytes)> Seeds(Golden golden)
    {
        foreach (var (name, bytes) in golden.Messages)
        {
            var message = PsrpMessage.Decode(bytes);
            if (message.MessageType is MessageType.PipelineHostCall or MessageType.RunspacePoolHostCall)
            {
                yield return (name, [message.MessageType == MessageType.PipelineHostCall ? (byte)0 : (byte)1, .. message.Data.Span]);
            }
        }

        // One call of each method the dispatcher converts arguments for, built with our encoder.
        var progress = new PsObject();
        progress.ExtendedProperties.Add("Activity", "a");
        progress.ExtendedProperties.Add("ActivityId", 1);
        progress.ExtendedProperties.Add("StatusDescription", "s");
        progress.ExtendedProperties.Add("PercentComplete", 50);
        progress.ExtendedProperties.Add("Type", 0);
        var field = new PsObject();
        field.ExtendedProperties.Add("name", "n");
        field.ExtendedProperties.Add("label", "l");
        field.ExtendedProperties.Add("parameterTypeName", "SecureString");
        field.ExtendedProperties.Add("parameterTypeFullName", "System.Security.SecureString");
        field.ExtendedProperties.Add("isMandatory", true);
        var choice = new PsObject();
        choice.ExtendedProperties.Add("label", "&Yes");
        choice.ExtendedProperties.Add("helpMessage", "h");
        var coordinates = HostDefaultData.Encode(new Coordinates(3, 4));
        var size = HostDefaultData.Encode(new Size(80, 25));
        (RemoteHostMethodId, object?[])[] calls =
        [
            (RemoteHostMethodId.GetName, []),
            (RemoteHostMethodId.SetShouldExit, [3]),
            (RemoteHostMethodId.ReadLine, []),
            (RemoteHostMethodId.ReadLineAsSecureString, []),
            (RemoteHostMethodId.Write2, [(int)ConsoleColor.Red, (int)ConsoleColor.Black, "text"]),
            (RemoteHostMethodId.WriteLine3, [1, 2, "line"]),
            (RemoteHostMethodId.WriteErrorLine, ["error"]),
            (RemoteHostMethodId.WriteProgress, [5L, progress]),
            (RemoteHostMethodId.Prompt, ["c", "m", new PsList([field])]),
            (RemoteHostMethodId.PromptForCredential2, ["c", "m", "user", "target", 3, 1]),
            (RemoteHostMethodId.PromptForChoice, ["c", "m", new PsList([choice, choice]), 0]),
            (RemoteHostMethodId.PromptForChoiceMultipleSelection, ["c", "m", new PsList([choice]), new PsList([0])]),
            (RemoteHostMethodId.SetCursorPosition, [coordinates]),
            (RemoteHostMethodId.SetBufferSize, [size]),
            (RemoteHostMethodId.ReadKey, [4]),
            (RemoteHostMethodId.GetWindowSize, []),
            (RemoteHostMethodId.SetWindowTitle, ["title"]),
        ];
        var id = 1L;
        foreach (var (method, parameters) in calls)
        {
            var call = new RemoteHostCall(id++, method, parameters) { IsPipelineCall = true };
            yield return ($"call-{method}", [0, .. PsrpPayloadCodec.Encode(call, new Version(2, 3))]);
        }
    }

    /// <summary>A host argument conversion failed in a way it does not document.</summary>
    public sealed class HostCallCrashException(string message) : Exception(message);

    private sealed class AnsweringHost : IPsrpHost, IPsrpHostUI, IPsrpHostRawUI
    {
        public string Name => "fuzz";

        public Version Version { get; } = new(1, 0);

        public Guid InstanceId { get; } = Guid.Empty;

        public System.Globalization.CultureInfo CurrentCulture => System.Globalization.CultureInfo.InvariantCulture;

        public System.Globalization.CultureInfo CurrentUICulture => System.Globalization.CultureInfo.InvariantCulture;

        public IPsrpHostUI? UI => this;

        public IPsrpHostRawUI? RawUI => this;

        public ConsoleColor ForegroundColor { get; set; }

        public ConsoleColor BackgroundColor { get; set; }

        public Coordinates CursorPosition { get; set; }

        public Coordinates WindowPosition { get; set; }

        public int CursorSize { get; set; }

        public Size BufferSize { get; set; }

        public Size WindowSize { get; set; }

        public Size MaxWindowSize => new(120, 50);

        public Size MaxPhysicalWindowSize => new(200, 80);

        public string WindowTitle { get; set; } = string.Empty;

        public bool KeyAvailable => false;

        public void SetShouldExit(int exitCode)
        {
        }

        public void NotifyBeginApplication()
        {
        }

        public void NotifyEndApplication()
        {
        }

        public ValueTask<string> ReadLineAsync(CancellationToken cancellationToken) => ValueTask.FromResult("line");

        public ValueTask<string> ReadLineAsSecureStringAsync(CancellationToken cancellationToken) => ValueTask.FromResult("secret");

        public void Write(string value, ConsoleColor? foreground = null, ConsoleColor? background = null)
        {
        }

        public void WriteLine(string value, ConsoleColor? foreground = null, ConsoleColor? background = null)
        {
        }

        public void WriteErrorLine(string value)
        {
        }

        public void WriteDebugLine(string value)
        {
        }

        public void WriteVerboseLine(string value)
        {
        }

        public void WriteWarningLine(string value)
        {
        }

        public void WriteProgress(long sourceId, PsProgressRecord record)
        {
        }

        public ValueTask<IReadOnlyDictionary<string, object?>> PromptAsync(string caption, string message, IReadOnlyList<HostFieldDescription> fields, CancellationToken cancellationToken)
        {
            var answers = new Dictionary<string, object?>();
            foreach (var field in fields)
            {
                answers[field.Name] = field.IsSecureString ? "secret" : "answer";
            }

            return ValueTask.FromResult<IReadOnlyDictionary<string, object?>>(answers);
        }

        public ValueTask<HostCredential> PromptForCredentialAsync(string caption, string message, string? userName, string? targetName, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new HostCredential(userName ?? "user", "secret"));

        public ValueTask<int> PromptForChoiceAsync(string caption, string message, IReadOnlyList<HostChoiceDescription> choices, int defaultChoice, CancellationToken cancellationToken) =>
            ValueTask.FromResult(defaultChoice);

        public ValueTask<IReadOnlyList<int>> PromptForChoicesAsync(string caption, string message, IReadOnlyList<HostChoiceDescription> choices, IReadOnlyList<int> defaultChoices, CancellationToken cancellationToken) =>
            ValueTask.FromResult(defaultChoices);

        public ValueTask<HostKeyInfo> ReadKeyAsync(int options, CancellationToken cancellationToken) => ValueTask.FromResult(new HostKeyInfo(65, 'A', 0, true));

        public void FlushInputBuffer()
        {
        }
    }
}
